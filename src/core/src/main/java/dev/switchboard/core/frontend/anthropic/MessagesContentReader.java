package dev.switchboard.core.frontend.anthropic;

import static dev.switchboard.core.frontend.anthropic.MessagesJson.array;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.bool;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.cacheControl;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.missing;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.object;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.onlyFields;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.requiredString;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.unsupported;
import static dev.switchboard.core.frontend.anthropic.MessagesJson.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code system} and {@code messages} into canonical messages. Blocks the canonical model can carry are
 * text, image, tool_use, tool_result, thinking and redacted_thinking; any other block (documents, server tool
 * blocks, search results) is a 400 naming it rather than a prompt silently shortened.
 *
 * <p>{@code cache_control} travels on text blocks (system included). On images, tools, tool_use and tool_result
 * it is checked and then dropped: the canonical parts have no place for it, and a cache hint changes cost only.
 */
final class MessagesContentReader {
    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "cache_control", "citations");

    private MessagesContentReader() {}

    static List<Message> read(JsonNode root) {
        List<Message> out = new ArrayList<>();
        Message system = system(root.get("system"));
        if (system != null) out.add(system);
        JsonNode messages = array(root, "messages", "messages");
        if (messages == null) throw missing("messages");
        if (messages.isEmpty()) {
            throw InvalidRequest.forParam(
                    "messages", "messages: List should have at least 1 item after validation, not 0");
        }
        for (int i = 0; i < messages.size(); i++) out.add(message(messages.get(i), "messages." + i));
        return out;
    }

    private static Message system(JsonNode system) {
        if (system == null || system.isNull()) return null;
        if (system.isTextual()) {
            return system.asText().isEmpty()
                    ? null
                    : new Message(Role.SYSTEM, List.of(new ContentPart.Text(system.asText())));
        }
        if (!system.isArray()) throw wrongType("system", "a valid string or a list of text blocks");
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            String p = "system." + i;
            JsonNode block = block(system.get(i), p);
            String type = requiredString(block, "type", p + ".type");
            if (!type.equals("text")) throw unsupported(p + ".type", "Input should be 'text'");
            parts.add(text(block, p));
        }
        return parts.isEmpty() ? null : new Message(Role.SYSTEM, parts);
    }

    private static Message message(JsonNode m, String path) {
        if (!m.isObject()) throw wrongType(path, "a valid dictionary");
        onlyFields(m, path, Set.of("role", "content"));
        String roleName = requiredString(m, "role", path + ".role");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default -> throw unsupported(path + ".role", "Input should be 'user' or 'assistant'");
        };
        JsonNode content = m.get("content");
        String cp = path + ".content";
        if (content == null || content.isNull()) throw missing(cp);
        if (content.isTextual()) {
            if (content.asText().isEmpty()) throw unsupported(cp, "text content blocks must be non-empty");
            return new Message(role, List.of(new ContentPart.Text(content.asText())));
        }
        if (!content.isArray()) throw wrongType(cp, "a valid string or a list of content blocks");
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            String p = cp + "." + i;
            JsonNode block = block(content.get(i), p);
            parts.add(role == Role.USER ? userBlock(block, p) : assistantBlock(block, p));
        }
        return new Message(role, parts);
    }

    private static JsonNode block(JsonNode block, String path) {
        if (!block.isObject()) throw wrongType(path, "a valid dictionary");
        return block;
    }

    private static ContentPart userBlock(JsonNode block, String path) {
        String type = requiredString(block, "type", path + ".type");
        return switch (type) {
            case "text" -> text(block, path);
            case "image" -> image(block, path);
            case "tool_result" -> toolResult(block, path);
            default ->
                throw unsupported(
                        path + ".type",
                        "content blocks of type '" + type
                                + "' are not supported by this gateway in user messages (supported: text, image, tool_result)");
        };
    }

    private static ContentPart assistantBlock(JsonNode block, String path) {
        String type = requiredString(block, "type", path + ".type");
        return switch (type) {
            case "text" -> text(block, path);
            case "tool_use" -> toolUse(block, path);
            case "thinking" -> {
                onlyFields(block, path, Set.of("type", "thinking", "signature"));
                yield new ContentPart.Reasoning(
                        requiredString(block, "thinking", path + ".thinking"),
                        requiredString(block, "signature", path + ".signature"),
                        null);
            }
            case "redacted_thinking" -> {
                onlyFields(block, path, Set.of("type", "data"));
                yield new ContentPart.Reasoning(null, null, requiredString(block, "data", path + ".data"));
            }
            default ->
                throw unsupported(
                        path + ".type",
                        "content blocks of type '" + type + "' are not supported by "
                                + "this gateway in assistant messages (supported: text, tool_use, thinking, redacted_thinking)");
        };
    }

    private static ContentPart.Text text(JsonNode block, String path) {
        onlyFields(block, path, TEXT_FIELDS);
        String text = requiredString(block, "text", path + ".text");
        if (text.isEmpty()) throw unsupported(path + ".text", "text content blocks must be non-empty");
        JsonNode citations = array(block, "citations", path + ".citations");
        if (citations != null && !citations.isEmpty()) {
            throw unsupported(path + ".citations", "citations cannot be sent back through this gateway");
        }
        JsonNode cache = cacheControl(block, path + ".cache_control");
        return new ContentPart.Text(text, cache == null ? Map.of() : Map.of("cache_control", cache));
    }

    private static ContentPart image(JsonNode block, String path) {
        onlyFields(block, path, Set.of("type", "source", "cache_control"));
        cacheControl(block, path + ".cache_control");
        String sp = path + ".source";
        JsonNode source = object(block, "source", sp);
        if (source == null) throw missing(sp);
        String type = requiredString(source, "type", sp + ".type");
        return switch (type) {
            case "base64" -> {
                onlyFields(source, sp, Set.of("type", "media_type", "data"));
                yield ContentPart.Image.inline(
                        requiredString(source, "media_type", sp + ".media_type"),
                        requiredString(source, "data", sp + ".data"));
            }
            case "url" -> {
                onlyFields(source, sp, Set.of("type", "url"));
                yield ContentPart.Image.url(requiredString(source, "url", sp + ".url"));
            }
            default ->
                throw unsupported(
                        sp + ".type",
                        "image sources of type '" + type
                                + "' are not supported by this gateway (supported: base64, url)");
        };
    }

    /** A tool result's content: a string, or text blocks joined by newlines (the canonical result is text). */
    private static ContentPart toolResult(JsonNode block, String path) {
        onlyFields(block, path, Set.of("type", "tool_use_id", "content", "is_error", "cache_control"));
        cacheControl(block, path + ".cache_control");
        String id = requiredString(block, "tool_use_id", path + ".tool_use_id");
        Boolean isError = bool(block, "is_error", path + ".is_error");
        JsonNode content = block.get("content");
        String cp = path + ".content";
        StringBuilder text = new StringBuilder();
        if (content != null && content.isTextual()) {
            text.append(content.asText());
        } else if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                String p = cp + "." + i;
                JsonNode part = block(content.get(i), p);
                String type = requiredString(part, "type", p + ".type");
                if (!type.equals("text")) {
                    throw unsupported(
                            p + ".type", "tool results can only carry text through this gateway, not '" + type + "'");
                }
                if (i > 0) text.append('\n');
                text.append(text(part, p).text());
            }
        } else if (content != null && !content.isNull()) {
            throw wrongType(cp, "a valid string or a list of content blocks");
        }
        return new ContentPart.ToolResult(id, text.toString(), Boolean.TRUE.equals(isError));
    }

    private static ContentPart toolUse(JsonNode block, String path) {
        onlyFields(block, path, Set.of("type", "id", "name", "input", "cache_control"));
        cacheControl(block, path + ".cache_control");
        JsonNode input = object(block, "input", path + ".input");
        if (input == null) throw missing(path + ".input");
        return new ContentPart.ToolCall(
                requiredString(block, "id", path + ".id"),
                requiredString(block, "name", path + ".name"),
                Json.write(input));
    }
}
