package dev.switchboard.core.nativebatch;

import dev.switchboard.core.model.ChatRequest;
import java.util.Objects;

/**
 * One line of a native job.
 *
 * @param lineId  the line's id inside the provider job: {@link #forLine} of its line number, at most 11 characters
 *                of [a-z0-9] (Bedrock's {@code recordId} limit), echoed back or carried in labels to match results
 * @param request the canonical request, {@code model} already the provider's own model id; never {@code stream}
 */
public record NativeRequest(String lineId, ChatRequest request) {

    public NativeRequest {
        Objects.requireNonNull(request, "request");
        if (lineId == null || !lineId.matches("[a-z0-9]{1,11}")) {
            throw new IllegalArgumentException("line id must be 1-11 characters of [a-z0-9]: " + lineId);
        }
    }

    /** The line id of 1-based input line {@code line}: "l" and the number ("l42"). */
    public static String forLine(int line) {
        if (line < 1) throw new IllegalArgumentException("line numbers start at 1");
        return "l" + line;
    }

    /** The line number of a line id made by {@link #forLine}, or -1. */
    public static int lineOf(String lineId) {
        if (lineId == null || !lineId.matches("l[1-9][0-9]{0,9}")) return -1;
        long n = Long.parseLong(lineId.substring(1));
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }
}
