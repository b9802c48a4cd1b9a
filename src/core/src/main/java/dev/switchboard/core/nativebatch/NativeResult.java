package dev.switchboard.core.nativebatch;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ChatResponse;
import java.util.Objects;

/**
 * The provider's result for one line: an answer or an error, never both.
 *
 * @param lineId   the {@link NativeRequest#lineId()} it answers
 * @param response the answer, mapped by the provider's own response mapping (usage as reported: null ≠ 0)
 * @param error    the line's error, mapped by the provider's error mapper
 */
public record NativeResult(String lineId, ChatResponse response, SwitchboardException error) {

    public NativeResult {
        Objects.requireNonNull(lineId, "lineId");
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("a result is an answer or an error");
        }
    }

    public static NativeResult answer(String lineId, ChatResponse response) {
        return new NativeResult(lineId, response, null);
    }

    public static NativeResult error(String lineId, SwitchboardException error) {
        return new NativeResult(lineId, null, error);
    }
}
