package dev.switchboard.provider.anthropic;

import static dev.switchboard.core.mapping.ParamRule.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.mapping.ParamMapping;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.Role;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import dev.switchboard.core.model.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical request → Messages API body, and Messages API answer → canonical response. Stateless.
 *
 * <p>Defaults and choices: {@code max_tokens} (required by Anthropic) defaults to {@value #DEFAULT_MAX_TOKENS}, the
 * largest value every Claude model accepts (Claude 3 models cap output at 4096), plus the thinking budget when
 * thinking is on, because Anthropic counts thinking inside max_tokens. {@code response_format} json_schema becomes
 * Anthropic's structured outputs ({@code output_config.format}); json_object has no Anthropic equivalent and is
 * rejected. {@code seed} is rejected (Anthropic has none).
 */
final class AnthropicMapping {
    static final int DEFAULT_MAX_TOKENS = 4096;
    /** The budget used when the caller asked for reasoning without an effort or budget Anthropic can use. */
    static final int DEFAULT_THINKING_BUDGET = 8192;
    /** Anthropic's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;

    private static final ParamMapping PARAMS = ParamMapping.of(
            param("max_tokens", AnthropicMapping::maxTokens),
            // OpenAI allows temperature up to 2, Anthropic up to 1.
            param("temperature", ChatRequest::temperature).clamp(0, 1),
            param("top_p", ChatRequest::topP),
            param("stop_sequences", ChatRequest::stop),
            param("metadata.user_id", AnthropicMapping::userId));

    private AnthropicMapping() {}

    static ObjectNode toWire(ChatRequest request, boolean stream) {
        if (request.seed() != null) {
            throw InvalidRequest.forParam("seed", "Anthropic does not support 'seed'; remove it to use this model.");
        }
        ObjectNode body = Json.object();
        body.put("model", request.model());
        JsonNode system = AnthropicMessages.system(request.messages());
        if (system != null) body.set("system", system);
        body.set("messages", AnthropicMessages.messages(request.messages()));
        PARAMS.apply(request, body);
        JsonNode thinking = thinking(request);
        if (thinking != null) body.set("thinking", thinking);
        tools(request, body);
        outputConfig(request, body);
        AnthropicExtensions.apply(request, body);
        if (stream) body.put("stream", true);
        return body;
    }

    static int maxTokens(ChatRequest request) {
        if (request.maxTokens() != null) return request.maxTokens();
        Integer budget = thinkingBudget(request);
        return budget == null ? DEFAULT_MAX_TOKENS : budget + DEFAULT_MAX_TOKENS;
    }

    /** OpenAI's safety_identifier is the newer name for the end-user id Anthropic takes as metadata.user_id. */
    private static String userId(ChatRequest request) {
        if (request.user() != null) return request.user();
        JsonNode id = request.extensions().get("safety_identifier");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /**
     * The thinking object: Anthropic's own as the Anthropic front door passed it (adaptive thinking, display), or
     * the canonical reasoning config as a budget. A disabled config is sent as disabled, not dropped.
     */
    private static JsonNode thinking(ChatRequest request) {
        JsonNode own = request.extensions().get("thinking");
        ReasoningConfig rc = request.reasoning();
        if (own != null && rc != null) {
            throw InvalidRequest.forParam("thinking", "Give either 'thinking' or a reasoning effort, not both.");
        }
        if (own != null) {
            if (!own.isObject()) throw InvalidRequest.forParam("thinking", "Invalid 'thinking': expected an object.");
            return own;
        }
        if (rc == null) return null;
        if (rc.disabled()) return Json.object().put("type", "disabled");
        return Json.object().put("type", "enabled").put("budget_tokens", thinkingBudget(request));
    }

    /**
     * The thinking budget, null when thinking is off. An explicit budget is sent as given (Anthropic checks it);
     * one derived from an effort is fitted under the caller's max_tokens, since it is our number, not theirs.
     */
    static Integer thinkingBudget(ChatRequest request) {
        JsonNode own = request.extensions().get("thinking");
        if (own != null) {
            JsonNode b = own.get("budget_tokens");
            return b != null && b.isIntegralNumber() ? b.asInt() : null;
        }
        ReasoningConfig rc = request.reasoning();
        if (rc == null || rc.disabled()) return null;
        if (rc.budgetTokens() != null) return rc.budgetTokens();
        int budget = rc.budgetOr(DEFAULT_THINKING_BUDGET);
        if (request.maxTokens() == null) return budget;
        int fitted = Math.min(budget, request.maxTokens() - 1);
        if (fitted < MIN_THINKING_BUDGET) {
            throw InvalidRequest.forParam(
                    "max_tokens",
                    "Anthropic needs max_tokens above " + MIN_THINKING_BUDGET
                            + " to think (its smallest thinking budget); raise max_tokens or turn reasoning off.");
        }
        return fitted;
    }

    private static void tools(ChatRequest request, ObjectNode body) {
        ArrayNode tools = Json.array();
        for (ToolSpec t : request.tools()) {
            ObjectNode tool = tools.addObject();
            tool.put("name", t.name());
            if (t.description() != null) tool.put("description", t.description());
            tool.set(
                    "input_schema",
                    t.parameters() != null ? t.parameters() : Json.object().put("type", "object"));
            if (t.strict() != null) tool.put("strict", t.strict());
        }
        JsonNode defined = request.extensions().get(AnthropicExtensions.DEFINED_TOOLS);
        if (defined != null) {
            if (!defined.isArray()) {
                throw InvalidRequest.forParam(AnthropicExtensions.DEFINED_TOOLS, "Expected an array of tool objects.");
            }
            defined.forEach(tools::add);
        }
        if (!tools.isEmpty()) body.set("tools", tools);
        ToolChoice choice = request.toolChoice();
        if (tools.isEmpty()) {
            if (choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Tool) {
                throw InvalidRequest.forParam("tool_choice", "A tool choice that forces a tool call needs tools.");
            }
            return; // auto or none without tools asks for nothing
        }
        if (choice == null && request.parallelToolCalls() == null) return;
        ObjectNode node = switch (choice == null ? ToolChoice.AUTO : choice) {
            case ToolChoice.Auto a -> Json.object().put("type", "auto");
            case ToolChoice.None n -> Json.object().put("type", "none");
            case ToolChoice.Required r -> Json.object().put("type", "any");
            case ToolChoice.Tool t -> Json.object().put("type", "tool").put("name", t.name());
        };
        if (request.parallelToolCalls() != null && !(choice instanceof ToolChoice.None)) {
            node.put("disable_parallel_tool_use", !request.parallelToolCalls());
        }
        body.set("tool_choice", node);
    }

    /** Anthropic's output_config as the front door passed it (e.g. effort), plus the response format. */
    private static void outputConfig(ChatRequest request, ObjectNode body) {
        JsonNode own = request.extensions().get("output_config");
        if (own != null && !own.isObject()) {
            throw InvalidRequest.forParam("output_config", "Invalid 'output_config': expected an object.");
        }
        ObjectNode config = own == null ? null : own.deepCopy();
        switch (request.responseFormat()) {
            case null -> {}
            case ResponseFormat.Text t -> {}
            case ResponseFormat.JsonObject j ->
                throw InvalidRequest.forParam(
                        "response_format",
                        "Anthropic has no JSON mode without a schema; use response_format type 'json_schema'.");
            case ResponseFormat.JsonSchema s -> {
                if (config == null) config = Json.object();
                if (config.has("format")) {
                    throw InvalidRequest.forParam(
                            "response_format", "Give either response_format or output_config.format.");
                }
                config.putObject("format").put("type", "json_schema").set("schema", s.schema());
            }
        }
        if (config != null) body.set("output_config", config);
    }

    static ChatResponse fromWire(JsonNode body) {
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : Json.elements(body, "content")) {
            ContentPart part = contentPart(block);
            if (part != null) parts.add(part);
        }
        String stop = Json.text(body, "stop_reason");
        return new ChatResponse(
                Json.text(body, "id"),
                Json.text(body, "model"),
                new Message(Role.ASSISTANT, parts),
                finishReason(stop),
                stop,
                usage(body.get("usage")));
    }

    /**
     * One content block; null for blocks that are not the caller's business: server tool calls and their
     * results (web_search, code execution) ran at Anthropic and are not tool calls for the caller to make.
     */
    private static ContentPart contentPart(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "text" -> {
                String text = Json.text(block, "text");
                yield text == null || text.isEmpty() ? null : new ContentPart.Text(text);
            }
            case "thinking" ->
                new ContentPart.Reasoning(Json.text(block, "thinking"), Json.text(block, "signature"), null);
            case "redacted_thinking" -> new ContentPart.Reasoning(null, null, Json.text(block, "data"));
            case "tool_use" -> {
                JsonNode input = block.get("input");
                yield new ContentPart.ToolCall(
                        Json.text(block, "id"),
                        block.path("name").asText(""),
                        input == null || input.isNull() ? "{}" : Json.write(input));
            }
            default -> null;
        };
    }

    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) return null;
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            // the context window ran out before the answer did: as OpenAI reports it, a length stop
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.UNKNOWN; // pause_turn and whatever comes next
        };
    }

    /**
     * Anthropic's usage in OpenAI conventions: input counts cache reads and writes too. A field Anthropic did not
     * report stays null (message_delta usage may carry output_tokens only; the earlier input then stands).
     */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) return Usage.NOT_REPORTED;
        Long uncached = Json.longOrNull(u, "input_tokens");
        Long read = Json.longOrNull(u, "cache_read_input_tokens");
        Long write = Json.longOrNull(u, "cache_creation_input_tokens");
        Long input = uncached == null ? null : uncached + (read == null ? 0 : read) + (write == null ? 0 : write);
        return new Usage(
                input,
                Json.longOrNull(u, "output_tokens"),
                read,
                write,
                null,
                Json.longAt(u, "cache_creation", "ephemeral_1h_input_tokens"));
    }
}
