package dev.switchboard.server.faults;

/**
 * The faults of the matrix: how the emulator is told to inject each one (model-name tokens, per wire protocol),
 * and what one faulted target does to a request in each mode, before any routing.
 *
 * <p>Token counts differ by protocol where the fault is positional: an OpenAI stream opens with a role chunk, an
 * Anthropic one with message_start, content_block_start and a ping, so "after the words 'Hello from'" is chunk 3
 * in one and chunk 5 in the other.
 */
enum Fault {
    RATE_LIMITED("429-ra1", "fault-429-ra1", "fault-429-ra1"),
    RATE_LIMITED_PAST_CAP("429-ra5 (past the cap)", "fault-429-ra5", "fault-429-ra5"),
    SERVER_ERROR("500", "fault-500", "fault-500"),
    UNAVAILABLE("503", "fault-503", "fault-503"),
    OVERLOADED("529", "fault-529", "fault-529"),
    TIMEOUT_BEFORE_FIRST_BYTE("timeout before first byte", "delay3000", "delay3000"),
    CONNECTION_RESET("connection reset", "reset", "reset"),
    CUT_BEFORE_FIRST_CHUNK("cut after the headers", "cut0", "cut0"),
    CUT_MID_STREAM("cut mid-stream", "cut3", "cut5"),
    ERROR_MID_STREAM("500 mid-stream", "fault-500-mid3", "fault-500-mid5"),
    MALFORMED_JSON("malformed JSON", "malformed", "malformed"),
    SLOW_FIRST_TOKEN("slow first token", "slow800", "slow800"),
    BAD_REQUEST("400", "fault-400", "fault-400"),
    UNAUTHORIZED("401", "fault-401", "fault-401");

    /** Tries per target and time limits of every matrix route (see {@link FaultMatrixProfile}). */
    static final int MAX_ATTEMPTS = 2;

    final String label;
    private final String openAiTokens;
    private final String anthropicTokens;

    Fault(String label, String openAiTokens, String anthropicTokens) {
        this.label = label;
        this.openAiTokens = openAiTokens;
        this.anthropicTokens = anthropicTokens;
    }

    String tokens(Protocol protocol) {
        return protocol == Protocol.ANTHROPIC ? anthropicTokens : openAiTokens;
    }

    /** The wire protocol of a provider id of the emulator resource. */
    enum Protocol {
        OPENAI,
        ANTHROPIC;

        static Protocol of(String provider) {
            return provider.equals("emu-anthropic") ? ANTHROPIC : OPENAI;
        }
    }

    /** What one target with this fault does to one request. */
    sealed interface Effect {
        /**
         * Fails before anything reached the caller, on each of {@code attempts} tries.
         *
         * @param upstreamStatus the HTTP status the upstream answered; null when it answered none
         */
        record FailsBeforeFirstByte(String kind, Integer upstreamStatus, int attempts, boolean callerFault)
                implements Effect {}

        /** Starts answering, then breaks: the caller has the partial text, the route can no longer fall over. */
        record BreaksAfterFirstByte(String partialText) implements Effect {}

        /** Answers, slowly but within the attempt timeout. */
        record Answers() implements Effect {}
    }

    Effect effect(boolean stream) {
        return switch (this) {
            case RATE_LIMITED -> before("rate_limited", 429, MAX_ATTEMPTS);
            // Retry-After 5 s > retry-after-cap 1 s: waiting less would only earn another 429, so no retry
            case RATE_LIMITED_PAST_CAP -> before("rate_limited", 429, 1);
            case SERVER_ERROR -> before("upstream_error", 500, MAX_ATTEMPTS);
            case UNAVAILABLE -> before("overloaded", 503, MAX_ATTEMPTS);
            case OVERLOADED -> before("overloaded", 529, MAX_ATTEMPTS);
            case TIMEOUT_BEFORE_FIRST_BYTE -> before("timeout", null, MAX_ATTEMPTS);
            case CONNECTION_RESET -> before("upstream_error", null, MAX_ATTEMPTS);
            // stream: 200 and headers, then the connection closes before any event; non-stream: half the body
            case CUT_BEFORE_FIRST_CHUNK -> before("upstream_error", null, MAX_ATTEMPTS);
            // non-stream: half the body, then the connection closes
            case CUT_MID_STREAM ->
                stream ? new Effect.BreaksAfterFirstByte("Hello from") : before("upstream_error", null, MAX_ATTEMPTS);
            // non-stream: mid<n> is ignored, the status comes at once
            case ERROR_MID_STREAM ->
                stream ? new Effect.BreaksAfterFirstByte("Hello from") : before("upstream_error", 500, MAX_ATTEMPTS);
            // stream: the bad chunk follows the first one (role / message_start), which already committed it
            case MALFORMED_JSON ->
                stream ? new Effect.BreaksAfterFirstByte("") : before("upstream_error", null, MAX_ATTEMPTS);
            // 800 ms: past the first-token limit (500 ms), within the attempt limit (1.2 s) of a whole answer
            case SLOW_FIRST_TOKEN -> stream ? before("timeout", null, MAX_ATTEMPTS) : new Effect.Answers();
            case BAD_REQUEST -> new Effect.FailsBeforeFirstByte("invalid_request", 400, 1, true);
            case UNAUTHORIZED -> before("auth_failed", 401, 1);
        };
    }

    private static Effect before(String kind, Integer status, int attempts) {
        return new Effect.FailsBeforeFirstByte(kind, status, attempts, false);
    }
}
