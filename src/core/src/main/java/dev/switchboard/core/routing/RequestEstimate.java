package dev.switchboard.core.routing;

import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ToolSpec;

/**
 * A rough size of a request, before any provider has tokenized it: enough to rank targets by price and to skip
 * those whose context window is certainly too small, not to bill.
 *
 * <ul>
 *   <li>input tokens ≈ characters / 4 over message text, tool calls and results, reasoning, and tool definitions
 *       (name, description, JSON schema), plus {@value #IMAGE_TOKENS} per image;</li>
 *   <li>output tokens = the target's max_tokens override, else the caller's max_tokens, else
 *       {@value #DEFAULT_OUTPUT_TOKENS}.</li>
 * </ul>
 *
 * @param requestedOutputTokens the caller's max_tokens; null when not given
 */
public record RequestEstimate(long inputTokens, Integer requestedOutputTokens) {

    /** Output assumed when nobody set max_tokens: a typical chat answer. */
    public static final int DEFAULT_OUTPUT_TOKENS = 512;

    /** An image, at the order of magnitude providers charge for a ~1 megapixel picture. */
    public static final int IMAGE_TOKENS = 1_000;

    public static RequestEstimate of(ChatRequest request) {
        long chars = 0;
        long images = 0;
        for (Message m : request.messages()) {
            for (ContentPart part : m.content()) {
                switch (part) {
                    case ContentPart.Text t -> chars += t.text().length();
                    case ContentPart.Image i -> images++;
                    case ContentPart.ToolCall c ->
                        chars += c.name().length() + c.arguments().length();
                    case ContentPart.ToolResult r -> chars += r.content().length();
                    case ContentPart.Reasoning r ->
                        chars += r.text() == null ? 0 : r.text().length();
                    default -> {}
                }
            }
        }
        for (ToolSpec t : request.tools()) {
            chars += t.name().length()
                    + (t.description() == null ? 0 : t.description().length())
                    + (t.parameters() == null ? 0 : t.parameters().toString().length());
        }
        return new RequestEstimate((chars + 3) / 4 + images * IMAGE_TOKENS, request.maxTokens());
    }

    /** The output to assume when sending to {@code target}. */
    public long outputTokens(RouteTarget target) {
        if (target.params().maxTokens() != null) return target.params().maxTokens();
        return requestedOutputTokens != null ? requestedOutputTokens : DEFAULT_OUTPUT_TOKENS;
    }
}
