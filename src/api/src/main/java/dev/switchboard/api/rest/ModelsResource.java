package dev.switchboard.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.catalog.CatalogEntry;
import dev.switchboard.core.catalog.ProviderModels;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.gateway.Gateway;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteTarget;
import dev.switchboard.core.spi.ChatProvider;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/models}: OpenAI's list shape. Ids are {@code provider/model} from each provider's own listing
 * (cached by the catalog), then the routes. {@code ?refresh=true} fetches listings again.
 */
@Path("/v1/models")
public class ModelsResource {
    private static final Logger LOG = Logger.getLogger(ModelsResource.class);
    private static final long LIST_WAIT_SECONDS = 15;

    @Inject
    Gateway gateway;

    @GET
    @RunOnVirtualThread
    public Response list(@QueryParam("refresh") boolean refresh) {
        ObjectNode root = Json.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ProviderModels listing : listings(refresh)) {
            for (CatalogEntry e : listing.models()) data.add(entry(e));
        }
        for (Route r : gateway.routes().values()) data.add(route(r));
        return Response.ok(Json.bytes(root), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{id: .+}")
    @RunOnVirtualThread
    public Response get(@PathParam("id") String id) {
        Route route = gateway.routes().get(id);
        if (route != null)
            return Response.ok(Json.bytes(route(route)), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        Route direct = gateway.resolve(id);
        var ref = direct.targets().get(0).ref();
        for (CatalogEntry e : gateway.catalog().models(ref.provider()).models()) {
            if (e.info().id().equals(ref.model())) {
                return Response.ok(Json.bytes(entry(e)), MediaType.APPLICATION_JSON_TYPE)
                        .build();
            }
        }
        throw new ModelNotFound(
                ErrorInfo.of("The model '" + id + "' is not in provider '" + ref.provider() + "''s listing.")
                        .withParam("model"));
    }

    /** Fetches every available provider's listing concurrently; a slow or failing provider is left out, not fatal. */
    private List<ProviderModels> listings(boolean refresh) {
        List<ChatProvider> providers = gateway.providers().values().stream()
                .filter(p -> p.unavailableReason() == null)
                .toList();
        List<ProviderModels> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProviderModels>> futures = new ArrayList<>();
            for (ChatProvider p : providers) {
                futures.add(pool.submit(() -> refresh
                        ? gateway.catalog().refresh(p.id())
                        : gateway.catalog().models(p.id())));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIST_WAIT_SECONDS);
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (Exception e) {
                    futures.get(i).cancel(true);
                    LOG.warnf(
                            "model listing of provider '%s' left out: %s",
                            providers.get(i).id(), e.toString());
                }
            }
            pool.shutdownNow();
        }
        return out;
    }

    private static ObjectNode entry(CatalogEntry e) {
        ObjectNode m = Json.object();
        m.put("id", e.id());
        m.put("object", "model");
        m.put(
                "created",
                e.info().created() != null
                        ? e.info().created().getEpochSecond()
                        : e.firstSeen().getEpochSecond());
        m.put("owned_by", e.info().ownedBy() != null ? e.info().ownedBy() : e.provider());
        if (e.info().displayName() != null) m.put("display_name", e.info().displayName());
        if (e.deprecated()) m.put("deprecated", true);
        return m;
    }

    private static ObjectNode route(Route r) {
        ObjectNode m = Json.object();
        m.put("id", r.name());
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "switchboard-route");
        ArrayNode targets = m.putArray("targets");
        for (RouteTarget t : r.targets()) targets.add(t.ref().toString());
        return m;
    }
}
