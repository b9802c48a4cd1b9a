package dev.switchboard.aws.batch;

import com.amazonaws.services.lambda.runtime.Context;
import dev.switchboard.batch.Budget;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The time one invocation has: what Lambda says is left of the function timeout. */
@ApplicationScoped
public class InvocationBudget {

    public Budget of(Context context) {
        return () -> Duration.ofMillis(context.getRemainingTimeInMillis());
    }
}
