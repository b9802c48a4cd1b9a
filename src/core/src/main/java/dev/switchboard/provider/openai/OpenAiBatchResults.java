package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeJob;
import dev.switchboard.core.nativebatch.NativeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Reading OpenAI batch objects and result files: states, failure reasons, and result lines to line results. */
final class OpenAiBatchResults {
    /** Error codes of lines the provider never ran: the caller records those lines as not run. */
    private static final Set<String> NOT_RUN = Set.of("batch_expired", "batch_cancelled");

    private static final int MAX_MESSAGE = 500;

    private OpenAiBatchResults() {}

    static NativeJob.State state(String status) {
        return switch (status) {
            case "validating" -> NativeJob.State.PENDING;
            case "completed" -> NativeJob.State.COMPLETED;
            case "expired" -> NativeJob.State.EXPIRED;
            case "cancelled" -> NativeJob.State.CANCELLED;
            case "failed" -> NativeJob.State.FAILED;
            // in_progress, finalizing, cancelling, and any state added later: keep polling
            default -> NativeJob.State.RUNNING;
        };
    }

    /** Why the batch ended as it did, from its {@code errors} list (validation failures name lines, not text). */
    static String message(String status, JsonNode errors) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode e : Json.elements(errors, "data")) {
            String m = Json.text(e, "message");
            if (m == null) m = Json.text(e, "code");
            if (m == null) continue;
            Long line = Json.longOrNull(e, "line");
            reasons.add(line == null ? m : "line " + line + ": " + m);
        }
        String text = switch (status) {
            case "failed" -> "the batch failed" + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
            case "expired" -> "the batch expired: its 24-hour completion window passed before every line ran";
            default -> reasons.isEmpty() ? null : String.join("; ", reasons);
        };
        if (text == null) return null;
        text = HttpErrors.scrub(text);
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /**
     * Every line of a result file (output or error file: both hold both shapes) as a result, matched by {@code
     * custom_id}; lines already {@code seen}, never run, or unreadable are left out.
     */
    static void read(String provider, byte[] jsonl, Set<String> seen, Consumer<NativeResult> sink) {
        int start = 0;
        for (int i = 0; i <= jsonl.length; i++) {
            if (i < jsonl.length && jsonl[i] != '\n') continue;
            if (i > start) {
                NativeResult r = line(
                        provider,
                        Json.tryParse(new String(jsonl, start, i - start, java.nio.charset.StandardCharsets.UTF_8)));
                if (r != null && seen.add(r.lineId())) sink.accept(r);
            }
            start = i + 1;
        }
    }

    private static NativeResult line(String provider, JsonNode line) {
        if (line == null || !line.isObject()) return null;
        String lineId = Json.text(line, "custom_id");
        if (lineId == null || lineId.isEmpty()) return null;
        JsonNode response = line.get("response");
        if (response != null && response.isObject()) {
            int status = response.path("status_code").asInt(0);
            JsonNode body = response.get("body");
            if (status >= 200 && status < 300 && body != null && body.isObject()) {
                try {
                    return NativeResult.answer(lineId, OpenAiMapping.fromWire(body));
                } catch (RuntimeException e) {
                    return NativeResult.error(lineId, HttpErrors.malformed(provider, "unreadable batch result line"));
                }
            }
            byte[] bytes = body == null || body.isNull() ? new byte[0] : Json.bytes(body);
            return NativeResult.error(lineId, OpenAiErrors.map(provider, status == 0 ? 500 : status, null, bytes));
        }
        JsonNode error = line.get("error");
        if (error != null && error.isObject()) {
            if (NOT_RUN.contains(Json.text(error, "code"))) return null;
            ObjectNode wrapped = Json.object();
            wrapped.set("error", error);
            SwitchboardException e = OpenAiErrors.map(provider, 500, null, Json.bytes(wrapped));
            return NativeResult.error(lineId, e);
        }
        return null;
    }
}
