package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the shared responder needs from a request, after a protocol front end has decoded its own wire
 * shape. Deliberately small: the emulator answers from the last turn, the tools and a few switches.
 *
 * @param promptChars    characters of all message text (system, user, assistant, tool results)
 * @param lastTurn       what the conversation ends with
 * @param lastUserText   text of the most recent user turn ("" if none)
 * @param toolResultText the tool results of the final turn joined by newlines ("" unless TOOL_RESULT)
 * @param tools          the client tools offered, in request order
 * @param toolChoice     how the request constrains tool use
 * @param maxTokens      output limit, or null
 * @param jsonOutput     the request asked for a JSON answer
 * @param thinking       the request explicitly asked for reasoning
 */
public record Conversation(
        int promptChars,
        LastTurn lastTurn,
        String lastUserText,
        String toolResultText,
        List<ToolDef> tools,
        ToolChoice toolChoice,
        Integer maxTokens,
        boolean jsonOutput,
        boolean thinking) {

    public enum LastTurn {
        USER,
        TOOL_RESULT,
        OTHER
    }

    /** A client-side tool: its name and the JSON schema of its arguments. */
    public record ToolDef(String name, JsonNode schema) {}

    public record ToolChoice(Mode mode, String forcedName) {
        public enum Mode {
            AUTO,
            REQUIRED,
            NONE,
            FORCED
        }

        public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
        public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);
        public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);

        public static ToolChoice forced(String name) {
            return new ToolChoice(Mode.FORCED, name);
        }
    }

    public Conversation {
        tools = List.copyOf(tools);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Filled by the protocol readers while they walk the request. */
    public static final class Builder {
        private int promptChars;
        private LastTurn lastTurn = LastTurn.OTHER;
        private String lastUserText = "";
        private final List<String> toolResults = new ArrayList<>();
        private final List<ToolDef> tools = new ArrayList<>();
        private ToolChoice toolChoice = ToolChoice.AUTO;
        private Integer maxTokens;
        private boolean jsonOutput;
        private boolean thinking;

        private Builder() {}

        /** Adds text that counts towards the prompt size. */
        public Builder countText(String text) {
            if (text != null) {
                promptChars += text.length();
            }
            return this;
        }

        /**
         * A turn in conversation order. Only the final call decides {@link #lastTurn}; user text is
         * remembered whichever turn comes last.
         */
        public Builder userTurn(String text) {
            lastTurn = LastTurn.USER;
            lastUserText = text == null ? "" : text;
            toolResults.clear();
            return this;
        }

        /**
         * One tool result. Consecutive results (OpenAI tool messages, Anthropic tool_result blocks, Gemini
         * functionResponse parts) form a single final turn.
         */
        public Builder toolResult(String text) {
            if (lastTurn != LastTurn.TOOL_RESULT) {
                toolResults.clear();
            }
            lastTurn = LastTurn.TOOL_RESULT;
            toolResults.add(text == null ? "" : text);
            return this;
        }

        public Builder otherTurn() {
            lastTurn = LastTurn.OTHER;
            toolResults.clear();
            return this;
        }

        public Builder tool(String name, JsonNode schema) {
            tools.add(new ToolDef(name, schema));
            return this;
        }

        public Builder toolChoice(ToolChoice choice) {
            toolChoice = choice;
            return this;
        }

        public Builder maxTokens(Integer value) {
            maxTokens = value;
            return this;
        }

        public Builder jsonOutput(boolean value) {
            jsonOutput = value;
            return this;
        }

        public Builder thinking(boolean value) {
            thinking = value;
            return this;
        }

        public Conversation build() {
            return new Conversation(
                    promptChars,
                    lastTurn,
                    lastUserText,
                    String.join("\n", toolResults),
                    tools,
                    toolChoice,
                    maxTokens,
                    jsonOutput,
                    thinking);
        }
    }
}
