package dev.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/** One piece of a message. Sealed so every mapping handles every kind (or says plainly it cannot). */
public sealed interface ContentPart {

    /**
     * Text. {@code extensions} carries part-level hints the caller attached, such as prompt-cache breakpoints
     * ({@code cache_control}, {@code prompt_cache_breakpoint}); providers that know a hint honor it, others
     * ignore it (hints change cost, never the answer).
     */
    record Text(String text, Map<String, JsonNode> extensions) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
            extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        }

        public Text(String text) {
            this(text, Map.of());
        }
    }

    /** An image, either by reference (https/gs URL) or inline bytes (base64). */
    record Image(ImageSource source, String detail) implements ContentPart {
        public Image {
            Objects.requireNonNull(source, "source");
        }

        public static Image url(String url) {
            return new Image(new ImageSource.Url(url, null), null);
        }

        public static Image inline(String mediaType, String base64) {
            return new Image(new ImageSource.Inline(mediaType, base64), null);
        }
    }

    sealed interface ImageSource {
        /** A URL the provider fetches itself. mediaType is optional (some providers require it). */
        record Url(String url, String mediaType) implements ImageSource {
            public Url {
                Objects.requireNonNull(url, "url");
            }
        }

        /** Inline image bytes, standard base64 without the data: prefix. */
        record Inline(String mediaType, String base64) implements ImageSource {
            public Inline {
                Objects.requireNonNull(mediaType, "mediaType");
                Objects.requireNonNull(base64, "base64");
            }

            public String dataUri() {
                return "data:" + mediaType + ";base64," + base64;
            }
        }

        /** Parses a URL as OpenAI's image_url carries it: a data: URI becomes Inline, anything else Url. */
        static ImageSource parse(String url) {
            if (url.startsWith("data:")) {
                int comma = url.indexOf(',');
                int semi = url.indexOf(";base64");
                if (comma > 0 && semi > 0 && semi < comma) {
                    return new Inline(url.substring(5, semi), url.substring(comma + 1));
                }
                throw new IllegalArgumentException("only base64 data: URIs are supported");
            }
            return new Url(url, null);
        }
    }

    /**
     * A call the assistant asks the caller to make. {@code arguments} is the raw JSON text of the arguments
     * object, exactly as the model produced it ("{}" when it gave none).
     */
    record ToolCall(String id, String name, String arguments) implements ContentPart {
        public ToolCall {
            Objects.requireNonNull(name, "name");
            arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
        }
    }

    /** The caller's answer to a tool call. */
    record ToolResult(String toolCallId, String content, boolean isError) implements ContentPart {
        public ToolResult {
            Objects.requireNonNull(content, "content");
        }

        public ToolResult(String toolCallId, String content) {
            this(toolCallId, content, false);
        }
    }

    /**
     * Reasoning ("thinking") the model showed. {@code signature} lets providers that require it verify a
     * thinking block sent back in a later turn; {@code redactedData} holds an encrypted block instead of text.
     */
    record Reasoning(String text, String signature, String redactedData) implements ContentPart {
        public static Reasoning of(String text) {
            return new Reasoning(text, null, null);
        }
    }
}
