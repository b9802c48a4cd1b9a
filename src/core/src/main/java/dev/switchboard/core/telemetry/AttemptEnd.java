package dev.switchboard.core.telemetry;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Usage;
import java.math.BigDecimal;

/**
 * How an upstream attempt ended.
 *
 * @param outcome       "ok" or the error kind (rate_limited, timeout, client_cancelled, ...), as on the cost record
 * @param responseModel the model the upstream said answered; null when it said nothing
 * @param usage         tokens as reported ({@link Usage#NOT_REPORTED} when not)
 * @param finishReason  null when the attempt produced no answer
 * @param costUsd       null when unknown or nothing was reported
 * @param ttftNanos     time to first token, streams only
 * @param response      the whole answer of a non-streamed attempt, for operators who opted in to recording content;
 *                      null otherwise
 */
public record AttemptEnd(
        String outcome,
        String responseModel,
        Usage usage,
        FinishReason finishReason,
        BigDecimal costUsd,
        Long ttftNanos,
        ChatResponse response) {

    public AttemptEnd {
        usage = usage == null ? Usage.NOT_REPORTED : usage;
    }

    public static AttemptEnd failed(String outcome) {
        return new AttemptEnd(outcome, null, Usage.NOT_REPORTED, null, null, null, null);
    }

    public boolean ok() {
        return CostRecord.OK.equals(outcome);
    }
}
