package dev.switchboard.core.model;

import java.util.Objects;

/**
 * What a streamed answer is made of. Tool calls are numbered 0, 1, 2... in the order they start;
 * their argument text arrives in deltas. Usage may be reported several times; the last report wins
 * field by field (see {@link Usage#overlay}).
 */
public sealed interface StreamEvent {

    /** The upstream accepted the request; ids as the provider gave them (either may be null). */
    record Started(String id, String model) implements StreamEvent {}

    record TextDelta(String text) implements StreamEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Reasoning text (may be empty when only a signature arrives). */
    record ReasoningDelta(String text, String signature) implements StreamEvent {}

    record ToolCallStarted(int index, String id, String name) implements StreamEvent {
        public ToolCallStarted {
            Objects.requireNonNull(name, "name");
        }
    }

    record ToolCallDelta(int index, String argumentsDelta) implements StreamEvent {
        public ToolCallDelta {
            Objects.requireNonNull(argumentsDelta, "argumentsDelta");
        }
    }

    record Finished(FinishReason reason, String providerReason) implements StreamEvent {
        public Finished {
            reason = reason == null ? FinishReason.UNKNOWN : reason;
        }
    }

    record UsageReported(Usage usage) implements StreamEvent {
        public UsageReported {
            Objects.requireNonNull(usage, "usage");
        }
    }
}
