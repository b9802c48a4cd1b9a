package dev.switchboard.core.frontend.anthropic;

import static dev.switchboard.core.frontend.anthropic.MessagesJson.array;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.bool;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.cacheControl;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.integer;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.missing;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.number;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.object;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.onlyFields;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.requiredString;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.string;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.unsupported;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.frontend.RequestLimits;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ReasoningConfig;
import dev.switchboard.core.model.ResponseFormat;
import dev.switchboard.core.model.ToolChoice;
import dev.switchboard.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an Anthropic Messages API request ({@code POST /v1/messages}) strictly: every field is type-checked and a
 * parameter the gateway neither maps nor passes through is a 400 naming it.
 *
 * <p>Parameters with no canonical field travel as {@link ChatRequest#extensions()} under their Anthropic names, for
 * the Anthropic adapter to send on and other adapters to reject: {@code top_k}, {@code service_tier}, top-level
 * {@code cache_control}, {@code output_config} apart from its format (e.g. {@code effort}), {@code thinking} when it
 * is adaptive or sets {@code display}, and Anthropic-defined tools (web_search, code_execution, bash, ...) under
 * {@link #DEFINED_TOOLS}. {@code output_format} (the structured-outputs beta) and {@code output_config.format} both
 * become the canonical json_schema response format.
 */
public final class AnthropicRequestReader {

    /**
     * The extension holding Anthropic-defined tools, raw. Same literal as the Anthropic adapter's
     * {@code AnthropicExtensions.DEFINED_TOOLS}; the two packages may not depend on each other.
     */
    public static final String DEFINED_TOOLS = "anthropic_defined_tools";

    /** Parameters mapped to the canonical request. */
    static final Set<String> MAPPED = Set.of(
            "model",
            "messages",
            "max_tokens",
            "system",
            "temperature",
            "top_p",
            "stop_sequences",
            "stream",
            "tools",
            "tool_choice",
            "thinking",
            "metadata",
            "output_config",
            "output_format");

    /** Anthropic parameters without a canonical field, passed through under their own names. */
    public static final Set<String> PASS_THROUGH = Set.of("top_k", "service_tier", "cache_control");

    /** The name a json_schema response format gets: Anthropic's output format has none, OpenAI's needs one. */
    static final String SCHEMA_NAME = "response";

    private static final Set<String> ACCEPTED = union(MAPPED, PASS_THROUGH);

    private AnthropicRequestReader() {}

    public static ParsedMessagesRequest read(byte[] body) {
        JsonNode root = Json.tryParse(body);
        if (root == null) throw new InvalidRequest("The request body is not valid JSON.");
        return read(root);
    }

    public static ParsedMessagesRequest read(JsonNode root) {
        if (!root.isObject()) throw new InvalidRequest("The request body must be a JSON object.");
        onlyFields(root, "", ACCEPTED);
        ChatRequest.Builder b = ChatRequest.builder();
        String model = requiredString(root, "model", "model");
        if (model.isBlank()) throw unsupported("model", "String should have at least 1 character");
        b.model(RequestLimits.checkModel(model));
        Long maxTokens = integer(root, "max_tokens", "max_tokens", 1);
        if (maxTokens == null) throw missing("max_tokens");
        b.maxTokens(Math.toIntExact(maxTokens));
        b.messages(MessagesContentReader.read(root));
        b.temperature(number(root, "temperature", "temperature", 0, 1));
        b.topP(number(root, "top_p", "top_p", 0, 1));
        b.stop(stopSequences(root));
        tools(root, b);
        toolChoice(root, b);
        thinking(root, b);
        metadata(root, b);
        outputs(root, b);
        Long topK = integer(root, "top_k", "top_k", 0);
        if (topK != null) b.extension("top_k", root.get("top_k"));
        String tier = string(root, "service_tier", "service_tier");
        if (tier != null) {
            if (!tier.equals("auto") && !tier.equals("standard_only")) {
                throw unsupported("service_tier", "Input should be 'auto' or 'standard_only'");
            }
            b.extension("service_tier", root.get("service_tier"));
        }
        JsonNode cache = cacheControl(root, "cache_control");
        if (cache != null) b.extension("cache_control", cache);
        boolean stream = Boolean.TRUE.equals(bool(root, "stream", "stream"));
        return new ParsedMessagesRequest(b.build(), stream);
    }

    private static List<String> stopSequences(JsonNode root) {
        JsonNode v = array(root, "stop_sequences", "stop_sequences");
        if (v == null) return List.of();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) throw wrongType("stop_sequences." + i, "a valid string");
            out.add(v.get(i).asText());
        }
        return out;
    }

    /** Custom tools (no type, or "custom") become canonical tools; Anthropic-defined ones travel raw. */
    private static void tools(JsonNode root, ChatRequest.Builder b) {
        JsonNode tools = array(root, "tools", "tools");
        if (tools == null) return;
        List<ToolSpec> custom = new ArrayList<>();
        ArrayNode defined = Json.array();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode t = tools.get(i);
            String p = "tools." + i;
            if (!t.isObject()) throw wrongType(p, "a valid dictionary");
            String type = string(t, "type", p + ".type");
            if (type == null || type.equals("custom")) {
                onlyFields(t, p, Set.of("type", "name", "description", "input_schema", "strict", "cache_control"));
                cacheControl(t, p + ".cache_control");
                JsonNode schema = object(t, "input_schema", p + ".input_schema");
                if (schema == null) throw missing(p + ".input_schema");
                custom.add(new ToolSpec(
                        requiredString(t, "name", p + ".name"),
                        string(t, "description", p + ".description"),
                        schema,
                        bool(t, "strict", p + ".strict")));
            } else {
                requiredString(t, "name", p + ".name");
                defined.add(t.deepCopy());
            }
        }
        b.tools(custom);
        if (!defined.isEmpty()) b.extension(DEFINED_TOOLS, defined);
    }

    private static void toolChoice(JsonNode root, ChatRequest.Builder b) {
        JsonNode v = object(root, "tool_choice", "tool_choice");
        if (v == null) return;
        String type = requiredString(v, "type", "tool_choice.type");
        switch (type) {
            case "auto" -> b.toolChoice(ToolChoice.AUTO);
            case "any" -> b.toolChoice(ToolChoice.REQUIRED);
            case "tool" -> b.toolChoice(new ToolChoice.Tool(requiredString(v, "name", "tool_choice.name")));
            case "none" -> b.toolChoice(ToolChoice.NONE);
            default -> throw unsupported("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
        }
        onlyFields(
                v,
                "tool_choice",
                type.equals("tool")
                        ? Set.of("type", "name", "disable_parallel_tool_use")
                        : type.equals("none") ? Set.of("type") : Set.of("type", "disable_parallel_tool_use"));
        Boolean disable = bool(v, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use");
        if (disable != null) b.parallelToolCalls(!disable);
    }

    /**
     * {type: enabled, budget_tokens} and {type: disabled} are the canonical reasoning config. Adaptive thinking and
     * the display option have no canonical form and travel as the "thinking" extension.
     */
    private static void thinking(JsonNode root, ChatRequest.Builder b) {
        JsonNode v = object(root, "thinking", "thinking");
        if (v == null) return;
        String type = requiredString(v, "type", "thinking.type");
        switch (type) {
            case "enabled" -> {
                onlyFields(v, "thinking", Set.of("type", "budget_tokens", "display"));
                Long budget = integer(v, "budget_tokens", "thinking.budget_tokens", 1);
                if (budget == null) throw missing("thinking.budget_tokens");
                if (string(v, "display", "thinking.display") != null) b.extension("thinking", v);
                else b.reasoning(new ReasoningConfig(null, Math.toIntExact(budget)));
            }
            case "disabled" -> {
                onlyFields(v, "thinking", Set.of("type"));
                b.reasoning(new ReasoningConfig(null, 0));
            }
            case "adaptive" -> {
                onlyFields(v, "thinking", Set.of("type", "display"));
                string(v, "display", "thinking.display");
                b.extension("thinking", v);
            }
            default -> throw unsupported("thinking.type", "Input should be 'enabled', 'disabled' or 'adaptive'");
        }
    }

    private static void metadata(JsonNode root, ChatRequest.Builder b) {
        JsonNode v = object(root, "metadata", "metadata");
        if (v == null) return;
        onlyFields(v, "metadata", Set.of("user_id"));
        b.user(RequestLimits.checkLength(
                string(v, "user_id", "metadata.user_id"), RequestLimits.MAX_USER, "metadata.user_id"));
    }

    /** output_config.format or output_format (its beta spelling) → response format; the rest of output_config stays. */
    private static void outputs(JsonNode root, ChatRequest.Builder b) {
        JsonNode config = object(root, "output_config", "output_config");
        JsonNode legacy = object(root, "output_format", "output_format");
        ResponseFormat format = null;
        if (config != null) {
            onlyFields(config, "output_config", Set.of("format", "effort"));
            string(config, "effort", "output_config.effort");
            JsonNode f = object(config, "format", "output_config.format");
            if (f != null) format = format(f, "output_config.format");
            ObjectNode rest = config.deepCopy();
            rest.remove("format");
            if (!rest.isEmpty()) b.extension("output_config", rest);
        }
        if (legacy != null) {
            if (format != null) {
                throw unsupported("output_format", "give either output_format or output_config.format, not both");
            }
            format = format(legacy, "output_format");
        }
        if (format != null) b.responseFormat(format);
    }

    /** Anthropic's JSON outputs are constrained decoding, i.e. always strict. */
    private static ResponseFormat format(JsonNode f, String path) {
        onlyFields(f, path, Set.of("type", "schema"));
        String type = requiredString(f, "type", path + ".type");
        if (!type.equals("json_schema")) throw unsupported(path + ".type", "Input should be 'json_schema'");
        JsonNode schema = object(f, "schema", path + ".schema");
        if (schema == null) throw missing(path + ".schema");
        return new ResponseFormat.JsonSchema(SCHEMA_NAME, null, schema, true);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
