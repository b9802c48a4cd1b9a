package dev.switchboard.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** One turn of a conversation. */
public record Message(Role role, List<ContentPart> content, String name) {

    public Message {
        Objects.requireNonNull(role, "role");
        content = content == null ? List.of() : List.copyOf(content);
    }

    public Message(Role role, List<ContentPart> content) {
        this(role, content, null);
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, List.of(new ContentPart.Text(text)));
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new ContentPart.Text(text)));
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new ContentPart.Text(text)));
    }

    public static Message toolResult(String toolCallId, String content) {
        return new Message(Role.TOOL, List.of(new ContentPart.ToolResult(toolCallId, content)));
    }

    /** All text parts concatenated; null when the message has none. */
    public String text() {
        StringBuilder sb = null;
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                if (sb == null) sb = new StringBuilder();
                sb.append(t.text());
            }
        }
        return sb == null ? null : sb.toString();
    }

    public List<ContentPart.ToolCall> toolCalls() {
        return partsOf(ContentPart.ToolCall.class);
    }

    public List<ContentPart.Reasoning> reasoning() {
        return partsOf(ContentPart.Reasoning.class);
    }

    public <T extends ContentPart> List<T> partsOf(Class<T> kind) {
        // a loop, not a stream: asked several times per request and answer, mostly finding nothing
        List<T> out = null;
        for (ContentPart part : content) {
            if (kind.isInstance(part)) {
                if (out == null) out = new ArrayList<>(2);
                out.add(kind.cast(part));
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }
}
