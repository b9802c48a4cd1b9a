package dev.switchboard.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.api.auth.AuthConfig;
import dev.switchboard.api.auth.Credentials;
import dev.switchboard.auth.ApiKeys;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.KeyStore;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code /admin/keys} and {@code /admin/usage}: manage gateway keys and read spend. Only the admin key
 * ({@code switchboard.auth.admin-key-hash}) opens it, never a gateway key; without that setting the whole API
 * answers 404. With config-file keys (store=config) it is read-only.
 */
@Path("/admin")
public class AdminResource {
    private static final Logger LOG = Logger.getLogger(AdminResource.class);

    @Inject
    AuthConfig config;

    @Inject
    KeyStore store;

    @Inject
    AccessControl access;

    @Inject
    UsageQueries usage;

    @GET
    @Path("/keys")
    public Response list(@HeaderParam("authorization") String authorization, @HeaderParam("x-api-key") String apiKey) {
        return guarded(authorization, apiKey, () -> {
            ObjectNode out = Json.object();
            out.put("object", "list");
            out.put("mutable", store.mutable());
            ArrayNode data = out.putArray("data");
            store.list().forEach(k -> data.add(KeyJson.view(k)));
            return Response.ok(Json.bytes(out), MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @GET
    @Path("/keys/{id}")
    public Response get(
            @PathParam("id") String id,
            @HeaderParam("authorization") String authorization,
            @HeaderParam("x-api-key") String apiKey) {
        return guarded(
                authorization,
                apiKey,
                () -> store.get(id).map(k -> ok(KeyJson.view(k))).orElseGet(() -> AdminErrors.notFound(id)));
    }

    @POST
    @Path("/keys")
    @Consumes(MediaType.WILDCARD)
    public Response create(
            byte[] body, @HeaderParam("authorization") String authorization, @HeaderParam("x-api-key") String apiKey) {
        return writing(authorization, apiKey, mutable -> {
            JsonNode json = Json.tryParse(body);
            if (json == null || !json.isObject()) return AdminErrors.invalid("the body must be a JSON object");
            String id = json.path("id").asText(null);
            if (!ApiKeys.isValidId(id)) {
                return AdminErrors.invalid("id: required, 1-64 of [A-Za-z0-9_.-], not starting or ending with '-'");
            }
            String key = ApiKeys.generate(id);
            GatewayKey created = KeyJson.apply(GatewayKey.of(id, ApiKeys.hash(key)), json);
            try {
                mutable.create(created);
            } catch (MutableKeyStore.KeyConflict e) {
                return AdminErrors.conflict(id);
            }
            LOG.infof("admin: created key '%s' (tenant %s)", id, created.tenant());
            ObjectNode out = KeyJson.view(created);
            out.put("key", key);
            return Response.status(201)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.bytes(out))
                    .build();
        });
    }

    @PATCH
    @Path("/keys/{id}")
    @Consumes(MediaType.WILDCARD)
    public Response update(
            @PathParam("id") String id,
            byte[] body,
            @HeaderParam("authorization") String authorization,
            @HeaderParam("x-api-key") String apiKey) {
        return writing(authorization, apiKey, mutable -> {
            JsonNode json = Json.tryParse(body);
            if (json == null || !json.isObject()) return AdminErrors.invalid("the body must be a JSON object");
            if (json.has("id") && !id.equals(json.path("id").asText())) return AdminErrors.invalid("id: cannot change");
            Optional<GatewayKey> current = mutable.get(id);
            if (current.isEmpty()) return AdminErrors.notFound(id);
            Optional<GatewayKey> updated = mutable.update(KeyJson.apply(current.get(), json));
            LOG.infof("admin: updated key '%s'", id);
            return updated.map(k -> ok(KeyJson.view(k))).orElseGet(() -> AdminErrors.notFound(id));
        });
    }

    @POST
    @Path("/keys/{id}/disable")
    public Response disable(
            @PathParam("id") String id,
            @HeaderParam("authorization") String authorization,
            @HeaderParam("x-api-key") String apiKey) {
        return writing(authorization, apiKey, mutable -> {
            LOG.infof("admin: disabling key '%s'", id);
            return mutable.disable(id).map(k -> ok(KeyJson.view(k))).orElseGet(() -> AdminErrors.notFound(id));
        });
    }

    @DELETE
    @Path("/keys/{id}")
    public Response delete(
            @PathParam("id") String id,
            @HeaderParam("authorization") String authorization,
            @HeaderParam("x-api-key") String apiKey) {
        return writing(authorization, apiKey, mutable -> {
            if (!mutable.delete(id)) return AdminErrors.notFound(id);
            LOG.infof("admin: deleted key '%s'", id);
            ObjectNode out = Json.object();
            out.put("id", id);
            out.put("deleted", true);
            return ok(out);
        });
    }

    /** Spend and requests per key, tenant or day over whole UTC days {@code from}..{@code to} (inclusive). */
    @GET
    @Path("/usage")
    public Response usage(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @QueryParam("key") String keyId,
            @HeaderParam("authorization") String authorization,
            @HeaderParam("x-api-key") String apiKey) {
        return guarded(authorization, apiKey, () -> {
            ObjectNode out = usage.report(from, to, by, keyId);
            out.put("ledger_failures", access.ledgerFailures());
            return ok(out);
        });
    }

    /** A change to the key store: refused with 403 when keys come from the config file. */
    private Response writing(
            String authorization, String apiKey, java.util.function.Function<MutableKeyStore, Response> change) {
        return guarded(
                authorization,
                apiKey,
                () -> store instanceof MutableKeyStore m ? change.apply(m) : AdminErrors.readOnly());
    }

    private Response guarded(String authorization, String apiKey, java.util.function.Supplier<Response> action) {
        Optional<String> adminHash = config.adminKeyHash();
        if (adminHash.isEmpty()) return AdminErrors.off();
        String presented = Credentials.fromHeaders(authorization, apiKey);
        if (presented == null || !ApiKeys.matches(adminHash.get(), presented)) return AdminErrors.unauthorized();
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            return AdminErrors.invalid(e.getMessage());
        } catch (LedgerUnavailable e) {
            LOG.warnf("admin: key store or ledger unavailable: %s", e.getMessage());
            return AdminErrors.unavailable();
        }
    }

    private static Response ok(JsonNode body) {
        return Response.ok(Json.bytes(body), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
