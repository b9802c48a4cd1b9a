package dev.switchboard.testing;

import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import dev.switchboard.core.spi.PushChatStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A provider whose answers a test scripts: each call takes the next step (an answer or an error). */
public final class ScriptedProvider implements ChatProvider {

    /** One scripted outcome: events to stream (and fold for chat), or an error, optionally after some events. */
    public record Step(List<StreamEvent> events, SwitchboardException error) {
        public static Step answer(String text, Usage usage) {
            return new Step(List.of(new StreamEvent.Started("id-" + text.hashCode(), "scripted-model"),
                    new StreamEvent.TextDelta(text), new StreamEvent.Finished(FinishReason.STOP, "stop"),
                    new StreamEvent.UsageReported(usage)), null);
        }

        public static Step fail(SwitchboardException e) {
            return new Step(List.of(), e);
        }

        /** Streams these events, then fails (a stream broken mid-way). */
        public static Step breakAfter(SwitchboardException e, StreamEvent... events) {
            return new Step(List.of(events), e);
        }
    }

    private final String id;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<ChatRequest> calls = new CopyOnWriteArrayList<>();
    private Supplier<List<ModelInfo>> models = List::of;
    private String unavailable;

    public ScriptedProvider(String id) {
        this.id = id;
    }

    public synchronized ScriptedProvider then(Step step) {
        steps.add(step);
        return this;
    }

    public ScriptedProvider models(Supplier<List<ModelInfo>> listing) {
        this.models = listing;
        return this;
    }

    public ScriptedProvider unavailable(String reason) {
        this.unavailable = reason;
        return this;
    }

    public List<ChatRequest> calls() {
        return calls;
    }

    private synchronized Step next(ChatRequest request) {
        calls.add(request);
        Step s = steps.poll();
        if (s == null) throw new AssertionError("provider " + id + " got an unscripted call");
        return s;
    }

    @Override public String id() { return id; }
    @Override public String type() { return "scripted"; }
    @Override public String unavailableReason() { return unavailable; }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        Step s = next(request);
        if (s.error() != null) throw s.error();
        var acc = new dev.switchboard.core.model.ResponseAccumulator();
        s.events().forEach(acc::accept);
        return acc.toResponse();
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        Step s = next(request);
        if (s.error() != null && s.events().isEmpty()) throw s.error();
        PushChatStream stream = new PushChatStream(id, options.idleTimeout());
        s.events().forEach(stream::emit);
        if (s.error() != null) stream.fail(s.error());
        else stream.complete();
        return stream;
    }

    @Override
    public List<ModelInfo> listModels() {
        return new ArrayList<>(models.get());
    }

    public static Message userHello() {
        return Message.user("hello");
    }
}
