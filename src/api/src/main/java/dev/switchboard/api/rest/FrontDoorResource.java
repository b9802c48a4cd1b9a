package dev.switchboard.api.rest;

import dev.switchboard.api.http.Requests;
import dev.switchboard.api.service.FrontDoor;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.runtime.config.SwitchboardConfig;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A chat front door over REST ({@code POST} at the subclass's path): call the front door, answer its outcome, and
 * render a failure in the front door's own dialect (errors that escape elsewhere get the OpenAI shape from
 * {@link ErrorMappers}).
 */
abstract class FrontDoorResource {
    private final FrontDoor<?> door;

    @Inject
    SwitchboardConfig config;

    @Inject
    RoutingContext rc;

    FrontDoorResource(FrontDoor<?> door) {
        this.door = door;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    public Response create(byte[] body) {
        try {
            return RestResponses.of(
                    door.handle(body, Requests.meta(rc)), config.streaming().mode(), rc);
        } catch (SwitchboardException e) {
            return RestResponses.error(door.errors().render(e));
        }
    }
}
