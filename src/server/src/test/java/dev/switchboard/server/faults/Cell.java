package dev.switchboard.server.faults;

import dev.switchboard.server.faults.Fault.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One cell of the fault matrix: a fault, a mode and a route shape. Each cell has its own route and its own model
 * names ({@code -cell<n>} is a token the emulator ignores), so emulator counters, circuits and cost records of one
 * cell never meet another's.
 */
record Cell(int index, Fault fault, Mode mode, Topology topology) {

    /** What the caller sends in every cell; the emulator echoes it. */
    static final String PROMPT = "fault matrix probe";

    static final String ANSWER = "Hello from the Switchboard emulator. You said: " + PROMPT;
    /** The emulator's usage for {@link #PROMPT}: ceil(18 characters / 4) in, one token per word out. */
    static final long INPUT_TOKENS = 5;

    static final long OUTPUT_TOKENS = 10;

    enum Mode {
        STREAM("stream"),
        NON_STREAM("non-stream");

        final String label;

        Mode(String label) {
            this.label = label;
        }

        boolean stream() {
            return this == STREAM;
        }
    }

    /**
     * Where the faulted target sits: alone, or first in a route whose second target is healthy. The faulted target
     * faults on every request, except in {@link #SINGLE_FAILS_ONCE}, where it faults on its first only
     * ({@code first1}), so a retry on the same target succeeds.
     */
    enum Topology {
        SINGLE("single target", "emu", false, false),
        SINGLE_FAILS_ONCE("single target, fails once", "emu", false, true),
        FALLBACK("fallback", "emu", true, false),
        CROSS_PROVIDER("fallback emu-anthropic→emu", "emu-anthropic", true, false);

        final String label;
        final String primaryProvider;
        final boolean hasSecondary;
        final boolean failsOnce;

        Topology(String label, String primaryProvider, boolean hasSecondary, boolean failsOnce) {
            this.label = label;
            this.primaryProvider = primaryProvider;
            this.hasSecondary = hasSecondary;
            this.failsOnce = failsOnce;
        }
    }

    static List<Cell> all() {
        List<Cell> cells = new ArrayList<>();
        for (Fault f : Fault.values()) {
            for (Mode m : Mode.values()) {
                for (Topology t : Topology.values()) cells.add(new Cell(cells.size() + 1, f, m, t));
            }
        }
        return List.copyOf(cells);
    }

    String name() {
        return fault.label + " × " + mode.label + " × " + topology.label;
    }

    String route() {
        return "fm-" + index;
    }

    Fault.Protocol primaryProtocol() {
        return Fault.Protocol.of(topology.primaryProvider);
    }

    String primary() {
        return topology.primaryProvider + "/emulator-" + fault.tokens(primaryProtocol())
                + (topology.failsOnce ? "-first1" : "") + "-cell" + index;
    }

    /** The healthy second target; null for a single-target route. */
    String secondary() {
        return topology.hasSecondary ? "emu/emulator-ok-cell" + index : null;
    }

    List<String> targets() {
        return secondary() == null ? List.of(primary()) : List.of(primary(), secondary());
    }

    /** One upstream attempt: which target, and the outcome its cost record must carry. */
    record Attempt(String target, String outcome) {
        boolean countsAgainstCircuit() {
            // caller faults say nothing about the target's health
            return !outcome.equals("ok") && !outcome.equals("invalid_request");
        }
    }

    /** What the caller must see, and the attempts behind it, in order. */
    sealed interface Expected {
        List<Attempt> attempts();

        /** Status 200 and the whole answer, from {@code target}. */
        record Answered(String target, List<Attempt> attempts) implements Expected {}

        /**
         * An error status before any byte of an answer.
         *
         * @param exactMessage true: {@code message} is the whole message; false: its start
         * @param retryAfter   the Retry-After header the caller gets (seconds), or null
         */
        record Refused(
                int status,
                String type,
                String code,
                String message,
                boolean exactMessage,
                String retryAfter,
                List<Attempt> attempts)
                implements Expected {}

        /** Status 200, {@code partialText}, then an error frame: the stream is committed to its first target. */
        record BrokeMidStream(String partialText, List<Attempt> attempts) implements Expected {}
    }

    Expected expected() {
        String p = primary();
        return switch (fault.effect(mode.stream())) {
            case Effect.Answers a -> new Expected.Answered(p, List.of(new Attempt(p, "ok")));
            case Effect.BreaksAfterFirstByte b ->
                new Expected.BrokeMidStream(b.partialText(), List.of(new Attempt(p, "upstream_error")));
            case Effect.FailsBeforeFirstByte f -> {
                if (topology.failsOnce && f.attempts() > 1) {
                    yield new Expected.Answered(p, List.of(new Attempt(p, f.kind()), new Attempt(p, "ok")));
                }
                List<Attempt> failed =
                        Collections.nCopies(topology.failsOnce ? 1 : f.attempts(), new Attempt(p, f.kind()));
                if (secondary() != null && !f.callerFault()) {
                    yield new Expected.Answered(
                            secondary(),
                            Stream.concat(failed.stream(), Stream.of(new Attempt(secondary(), "ok")))
                                    .toList());
                }
                yield refused(f, failed);
            }
        };
    }

    /** A lone failure is passed through as it is; several become "all targets failed", listing each. */
    private Expected.Refused refused(Effect.FailsBeforeFirstByte f, List<Attempt> failed) {
        String retryAfter = switch (fault) {
            case RATE_LIMITED -> "1";
            case RATE_LIMITED_PAST_CAP -> "5";
            default -> null;
        };
        if (failed.size() == 1) {
            boolean anthropic = primaryProtocol() == Fault.Protocol.ANTHROPIC;
            return switch (f.kind()) {
                // an upstream that rejects the gateway's own key is the gateway's problem: 502, not 401
                case "auth_failed" ->
                    new Expected.Refused(
                            502,
                            "authentication_error",
                            anthropic ? "authentication_error" : "invalid_api_key",
                            topology.primaryProvider + ": ",
                            false,
                            null,
                            failed);
                case "invalid_request" ->
                    new Expected.Refused(
                            400,
                            "invalid_request_error",
                            anthropic ? "invalid_request_error" : null,
                            topology.primaryProvider + ": ",
                            false,
                            null,
                            failed);
                case "rate_limited" ->
                    new Expected.Refused(
                            429,
                            "rate_limit_error",
                            anthropic ? "rate_limit_error" : "rate_limit_exceeded",
                            topology.primaryProvider + ": ",
                            false,
                            retryAfter,
                            failed);
                default -> throw new IllegalStateException("no single-attempt expectation for " + f.kind());
            };
        }
        int status = switch (f.kind()) {
            case "rate_limited" -> 429;
            case "overloaded" -> 503;
            case "timeout" -> 504;
            default -> 502;
        };
        String list = failed.stream()
                .map(a -> a.target() + " (" + a.outcome() + (f.upstreamStatus() == null ? "" : " " + f.upstreamStatus())
                        + ")")
                .collect(Collectors.joining(", "));
        return new Expected.Refused(
                status,
                status == 429 ? "rate_limit_error" : "server_error",
                "all_targets_failed",
                "All targets of route '" + route() + "' failed: " + list,
                true,
                retryAfter,
                failed);
    }
}
