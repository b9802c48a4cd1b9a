package dev.switchboard.api.rest;

import dev.switchboard.api.http.Requests;
import dev.switchboard.api.service.FrontDoor;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.runtime.config.SwitchboardConfig;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * What the chat resources share: call the front door, answer its outcome, and render a failure in the front door's
 * own dialect (errors that escape elsewhere get the OpenAI shape from {@link ErrorMappers}).
 */
abstract class FrontDoorResource {
    @Inject
    SwitchboardConfig config;

    @Inject
    RoutingContext rc;

    Response serve(FrontDoor<?> door, byte[] body) {
        try {
            return RestResponses.of(door.handle(body, Requests.meta(rc)), config.streaming().mode(), rc);
        } catch (SwitchboardException e) {
            return RestResponses.error(door.errors().render(e));
        }
    }
}
