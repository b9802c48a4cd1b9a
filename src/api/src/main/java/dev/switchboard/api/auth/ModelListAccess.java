package dev.switchboard.api.auth;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code GET /v1/models} needs a gateway key too (with keys on): the catalog names every route and provider. The chat
 * front doors check keys in {@link AccessControl} themselves; {@code /health} and {@code /admin} are not covered here.
 */
public class ModelListAccess {

    // resolved per request: filters are built at static init, before runtime config (AuthConfig) exists
    @Inject
    Provider<AccessControl> accessControl;

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        AccessControl access = accessControl.get();
        if (access.mode() != AuthConfig.Mode.KEYS
                || !request.getUriInfo().getPath().startsWith("/v1/models")) return;
        access.authenticate(
                Credentials.fromHeaders(request.getHeaderString("authorization"), request.getHeaderString("x-api-key")),
                null);
    }
}
