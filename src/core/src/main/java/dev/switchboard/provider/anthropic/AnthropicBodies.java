package dev.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;

/**
 * The Messages API mapping for other carriers of Claude bodies (Bedrock InvokeModel bodies in batch jobs), so that
 * they reuse this adapter's mapping instead of copying it. Only the body: transport, errors and streaming stay with
 * the carrier.
 */
public final class AnthropicBodies {
    private AnthropicBodies() {}

    /**
     * The Messages API body for {@code request} (non-streamed), exactly as the Anthropic adapter sends it, model
     * included; a carrier removes or replaces what it does not take.
     *
     * @throws dev.switchboard.core.error.InvalidRequest for what the Messages API cannot express
     */
    public static ObjectNode request(ChatRequest request) {
        return AnthropicMapping.toWire(request, false);
    }

    /** A Messages API answer ({@code {"type":"message","content":[...],"usage":{...}}}) as a canonical response. */
    public static ChatResponse response(JsonNode message) {
        return AnthropicMapping.fromWire(message);
    }
}
