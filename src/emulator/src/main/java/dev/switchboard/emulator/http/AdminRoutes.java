package dev.switchboard.emulator.http;

import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.Json;
import dev.switchboard.emulator.behavior.RecordedRequest;
import java.util.List;

/** {@code /_emulator/...}: what tests running out of process use instead of the Java API. */
public final class AdminRoutes {

    private AdminRoutes() {}

    public static List<Route> routes(Behavior behavior) {
        return List.of(
                Route.of("GET", "/_emulator/requests", in -> {
                    String model = in.queryParam("model");
                    List<RecordedRequest> list = model == null
                            ? behavior.log().all()
                            : behavior.log().forModel(model);
                    ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.node(list)));
                }),
                Route.of("POST", "/_emulator/reset", in -> {
                    behavior.reset();
                    ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("reset", true)));
                }),
                Route.of(
                        "GET",
                        "/_emulator/health",
                        in -> ResponseWriter.send(in.exchange(), HttpReply.json(200, Json.obj("status", "ok")))));
    }
}
