package dev.switchboard.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.switchboard.emulator.behavior.Json;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;

/** Dispatches every request on the single HTTP server to the first matching route. */
public final class Router implements HttpHandler {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        // not try-with-resources: closing the exchange on the way out of an AbortConnection would write
        // the chunked terminator and turn a cut stream into a well-formed one
        byte[] body = ex.getRequestBody().readAllBytes();
        JsonNode json = body.length == 0 ? null : Json.parseOrNull(body);
        try {
            for (Route route : routes) {
                Matcher m = route.match(ex);
                if (m != null) {
                    route.handler().handle(new Incoming(ex, m, body, json));
                    ex.close();
                    return;
                }
            }
            ResponseWriter.send(
                    ex,
                    HttpReply.json(
                            404,
                            Json.obj(
                                    "error",
                                    Json.obj(
                                            "message",
                                            "The Switchboard emulator has no route for " + ex.getRequestMethod() + " "
                                                    + ex.getRequestURI().getRawPath(),
                                            "type",
                                            "not_found_error"))));
            ex.close();
        } catch (AbortConnection | IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // an emulator bug: answer 500 if nothing was sent yet, so the test sees why
            if (ex.getResponseCode() == -1) {
                ResponseWriter.send(
                        ex,
                        HttpReply.json(
                                500,
                                Json.obj(
                                        "error",
                                        Json.obj(
                                                "message",
                                                "Switchboard emulator failure: " + e,
                                                "type",
                                                "emulator_error"))));
                ex.close();
                return;
            }
            throw e;
        }
    }
}
