package dev.switchboard.core.telemetry;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.error.SwitchboardException;
import java.util.function.Supplier;

/** Tells the observer how each request through the gateway ended. */
public final class RequestOutcomes {
    private RequestOutcomes() {}

    /** Runs a request's route and reports "ok" or the error kind the caller gets. */
    public static <T> T observe(GatewayObserver observer, String route, boolean stream, Supplier<T> run) {
        T answer;
        try {
            answer = run.get();
        } catch (SwitchboardException e) {
            observer.requestFinished(new RequestEnd(route, stream, e.kind()));
            throw e;
        } catch (RuntimeException e) {
            observer.requestFinished(new RequestEnd(route, stream, "internal_error"));
            throw e;
        }
        observer.requestFinished(new RequestEnd(route, stream, CostRecord.OK));
        return answer;
    }
}
