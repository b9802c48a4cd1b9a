package dev.switchboard.aws.batch;

import com.amazonaws.services.lambda.runtime.Context;
import dev.switchboard.batch.Budget;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The invocation's time, scripted: Quarkus's mock event server sends no deadline (its context's remaining time is
 * meaningless), so tests decide it. The engine asks before each line; this answers a full Lambda timeout for the
 * first {@code lines} questions of an invocation, then nothing left.
 */
class ScriptedBudget extends InvocationBudget {
    private final int lines;

    ScriptedBudget(int lines) {
        this.lines = lines;
    }

    static ScriptedBudget ample() {
        return new ScriptedBudget(Integer.MAX_VALUE);
    }

    @Override
    public Budget of(Context context) {
        AtomicInteger asked = new AtomicInteger();
        return () -> asked.getAndIncrement() < lines ? Duration.ofMinutes(15) : Duration.ZERO;
    }
}
