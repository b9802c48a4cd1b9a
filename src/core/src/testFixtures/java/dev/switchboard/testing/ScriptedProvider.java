package dev.switchboard.testing;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.core.model.Usage;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ChatStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A provider whose answers a test scripts: each call takes the next step (an answer or an error), or asks
 * {@link #otherwise} when the script has run out. Time never really passes: a step's {@code delay} is handed to
 * the test's clock ({@link #time}), and a stream that stalls reports the timeout it was given and fails with it.
 */
public final class ScriptedProvider implements ChatProvider {

    /** How a scripted stream behaves before its events. */
    public enum Opening {
        NORMAL,
        FAIL_BEFORE_FIRST_EVENT,
        STALL
    }

    /**
     * One scripted outcome: events to stream (and fold for chat), or an error, optionally after some events.
     *
     * @param delay   how long the call takes before it answers or fails (passed to the test's clock)
     * @param opening streams only: whether the stream opens and then fails or stalls before its first event
     */
    public record Step(List<StreamEvent> events, SwitchboardException error, Duration delay, Opening opening) {
        public Step(List<StreamEvent> events, SwitchboardException error) {
            this(events, error, Duration.ZERO, Opening.NORMAL);
        }

        public static Step answer(String text, Usage usage) {
            return new Step(
                    List.of(
                            new StreamEvent.Started("id-" + text.hashCode(), "scripted-model"),
                            new StreamEvent.TextDelta(text),
                            new StreamEvent.Finished(FinishReason.STOP, "stop"),
                            new StreamEvent.UsageReported(usage)),
                    null);
        }

        public static Step fail(SwitchboardException e) {
            return new Step(List.of(), e);
        }

        /** Streams these events, then fails (a stream broken mid-way). */
        public static Step breakAfter(SwitchboardException e, StreamEvent... events) {
            return new Step(List.of(events), e);
        }

        /** A stream the upstream accepts, then breaks off before any event. */
        public static Step failBeforeFirstEvent(SwitchboardException e) {
            return new Step(List.of(), e, Duration.ZERO, Opening.FAIL_BEFORE_FIRST_EVENT);
        }

        /** A stream the upstream accepts and then says nothing on: the first read times out. */
        public static Step stall() {
            return new Step(List.of(), null, Duration.ZERO, Opening.STALL);
        }

        /** The same outcome, after {@code d}. */
        public Step after(Duration d) {
            return new Step(events, error, d, opening);
        }
    }

    private final String id;
    private final String type;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<ChatRequest> calls = new CopyOnWriteArrayList<>();
    private final List<CallOptions> options = new CopyOnWriteArrayList<>();
    private final List<Duration> firstReadTimeouts = new CopyOnWriteArrayList<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile Function<ChatRequest, Step> otherwise;
    private volatile Consumer<Duration> time = d -> {};
    private Supplier<List<ModelInfo>> models = List::of;
    private String unavailable;

    public ScriptedProvider(String id) {
        this(id, "scripted");
    }

    public ScriptedProvider(String id, String type) {
        this.id = id;
        this.type = type;
    }

    public synchronized ScriptedProvider then(Step step) {
        steps.add(step);
        return this;
    }

    /** Steps for calls past the script (e.g. a flaky provider in a load test); must be thread-safe. */
    public ScriptedProvider otherwise(Function<ChatRequest, Step> steps) {
        this.otherwise = steps;
        return this;
    }

    /** Where the time a step takes goes (a fake clock's advance). */
    public ScriptedProvider time(Consumer<Duration> advance) {
        this.time = advance;
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

    /** The call options of every call, in order. */
    public List<CallOptions> options() {
        return options;
    }

    /** The timeout each stream's first read was given. */
    public List<Duration> firstReadTimeouts() {
        return firstReadTimeouts;
    }

    /** Streams opened and not yet closed. */
    public int openStreams() {
        return openStreams.get();
    }

    private Step next(ChatRequest request, CallOptions opts) {
        Step s;
        synchronized (this) {
            calls.add(request);
            options.add(opts);
            s = steps.poll();
        }
        if (s == null && otherwise != null) s = otherwise.apply(request);
        if (s == null) throw new AssertionError("provider " + id + " got an unscripted call");
        if (!s.delay().isZero()) time.accept(s.delay());
        return s;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CallOptions options) {
        Step s = next(request, options);
        if (s.error() != null) throw s.error();
        if (s.opening() == Opening.STALL) {
            time.accept(options.timeout());
            throw new Timeout(ErrorInfo.of("no answer in " + options.timeout().toMillis() + " ms")
                    .withProvider(id));
        }
        return StreamReplay.fold(s.events());
    }

    @Override
    public ChatStream stream(ChatRequest request, CallOptions options) {
        Step s = next(request, options);
        if (s.error() != null && s.events().isEmpty() && s.opening() == Opening.NORMAL) throw s.error();
        openStreams.incrementAndGet();
        return new ScriptedStream(s, options.idleTimeout());
    }

    /** Plays a step's events; {@code next(timeout)} never blocks. */
    private final class ScriptedStream implements ChatStream {
        private final Deque<StreamEvent> events;
        private final Step step;
        private final Duration idle;
        private boolean read;
        private boolean closed;

        ScriptedStream(Step step, Duration idle) {
            this.step = step;
            this.idle = idle;
            this.events = new ArrayDeque<>(step.events());
        }

        @Override
        public StreamEvent next(Duration timeout) {
            if (!read) {
                read = true;
                firstReadTimeouts.add(timeout);
                if (step.opening() == Opening.STALL) {
                    time.accept(timeout);
                    throw new Timeout(
                            ErrorInfo.of("no data from provider '" + id + "' for " + timeout.toMillis() + " ms")
                                    .withProvider(id));
                }
                if (step.opening() == Opening.FAIL_BEFORE_FIRST_EVENT) throw step.error();
            }
            StreamEvent e = events.poll();
            if (e != null) return e;
            if (step.error() != null) throw step.error();
            return null;
        }

        @Override
        public StreamEvent next() {
            return next(idle);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openStreams.decrementAndGet();
            }
        }
    }

    @Override
    public List<ModelInfo> listModels() {
        return new ArrayList<>(models.get());
    }

    public static Message userHello() {
        return Message.user("hello");
    }
}
