package dev.switchboard.emulator.behavior;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.behavior.Completion.Finish;
import dev.switchboard.emulator.behavior.Conversation.LastTurn;
import dev.switchboard.emulator.behavior.Conversation.ToolChoice;
import dev.switchboard.emulator.behavior.Conversation.ToolDef;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deterministic answer to a conversation, shared by all five front ends.
 *
 * <ol>
 *   <li>tools offered, choice not none, last turn a user turn → call the forced (else the first) tool with
 *       arguments generated from its schema;</li>
 *   <li>last turn a tool result → "Tool result received: …";</li>
 *   <li>else → "Hello from the Switchboard emulator. You said: …" (a JSON object when JSON was requested).</li>
 * </ol>
 */
public final class Responder {

    public static final String REASONING = "Let me think about this.";
    public static final int REASONING_TOKENS = 6;
    public static final int TOOL_CALL_TOKENS = 10;
    public static final String GREETING = "Hello from the Switchboard emulator. You said: ";
    public static final String TOOL_RESULT_PREFIX = "Tool result received: ";
    static final int ECHO_LIMIT = 200;

    private final AtomicLong sequence = new AtomicLong();

    public Completion answer(Conversation c, ModelSpec model) {
        String id = nextId();
        boolean think = model.think() || c.thinking();
        String reasoning = think ? REASONING : null;
        int reasoningTokens = think ? REASONING_TOKENS : 0;
        int input = Math.max(1, (c.promptChars() + 3) / 4);
        int cached = model.cache() ? input / 2 : 0;

        if (!c.tools().isEmpty() && c.toolChoice().mode() != ToolChoice.Mode.NONE && c.lastTurn() == LastTurn.USER) {
            ToolDef tool = pickTool(c);
            ObjectNode args = SchemaArguments.generate(tool.schema());
            Completion.ToolCall call = new Completion.ToolCall(id, tool.name(), args, Json.text(args));
            return new Completion(
                    id,
                    reasoning,
                    null,
                    call,
                    Finish.TOOL_CALL,
                    new Completion.Usage(input, cached, TOOL_CALL_TOKENS, reasoningTokens));
        }

        String text = switch (c.lastTurn()) {
            case TOOL_RESULT -> TOOL_RESULT_PREFIX + Words.clip(c.toolResultText(), ECHO_LIMIT);
            default ->
                c.jsonOutput()
                        ? Json.text(Json.obj("emulated", true, "echo", Words.clip(c.lastUserText(), ECHO_LIMIT)))
                        : GREETING + Words.clip(c.lastUserText(), ECHO_LIMIT);
        };
        int words = Words.count(text);
        Finish finish = Finish.STOP;
        if (c.maxTokens() != null && c.maxTokens() < words) {
            words = Math.max(0, c.maxTokens());
            text = Words.truncate(text, words);
            finish = Finish.LENGTH;
        }
        return new Completion(
                id, reasoning, text, null, finish, new Completion.Usage(input, cached, words, reasoningTokens));
    }

    private static ToolDef pickTool(Conversation c) {
        if (c.toolChoice().mode() == ToolChoice.Mode.FORCED) {
            for (ToolDef t : c.tools()) {
                if (t.name().equals(c.toolChoice().forcedName())) {
                    return t;
                }
            }
        }
        return c.tools().getFirst();
    }

    /** Unique per emulator instance; sequential so ids are reproducible in a serial test. */
    private String nextId() {
        return "emu" + HexFormat.of().toHexDigits(sequence.incrementAndGet());
    }
}
