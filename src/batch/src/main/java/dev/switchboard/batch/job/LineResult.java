package dev.switchboard.batch.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;

/**
 * The checkpoint of one line: its output line (OpenAI batch output shape) and what the totals need. Written once,
 * create-only; its existence means the line is done and is never called again.
 *
 * @param output {@code {"id","custom_id","response":{"status_code","request_id","body"},"error"}}
 * @param ok     true for a 2xx answer (output file), false otherwise (error file)
 */
public record LineResult(
        int line,
        boolean ok,
        JsonNode output,
        Long inputTokens,
        Long outputTokens,
        Long cachedTokens,
        Long reasoningTokens,
        BigDecimal costUsd,
        String priceVersion) {

    public byte[] toBytes() {
        ObjectNode n = Json.object();
        n.put("line", line);
        n.put("ok", ok);
        putIfSet(n, "input_tokens", inputTokens);
        putIfSet(n, "output_tokens", outputTokens);
        putIfSet(n, "cached_tokens", cachedTokens);
        putIfSet(n, "reasoning_tokens", reasoningTokens);
        if (costUsd != null) n.put("cost_usd", costUsd);
        if (priceVersion != null) n.put("price_version", priceVersion);
        n.set("output", output);
        return Json.bytes(n);
    }

    public static LineResult fromBytes(byte[] bytes) {
        JsonNode n = Json.parse(bytes);
        return new LineResult(
                n.get("line").intValue(),
                n.get("ok").booleanValue(),
                n.get("output"),
                Json.longOrNull(n, "input_tokens"),
                Json.longOrNull(n, "output_tokens"),
                Json.longOrNull(n, "cached_tokens"),
                Json.longOrNull(n, "reasoning_tokens"),
                n.hasNonNull("cost_usd") ? n.get("cost_usd").decimalValue() : null,
                Json.text(n, "price_version"));
    }

    private static void putIfSet(ObjectNode n, String field, Long v) {
        if (v != null) n.put(field, v);
    }
}
