package dev.switchboard.emulator.behavior;

/**
 * The faults a model name asks for, independent of protocol. Every front end interprets the same record,
 * so the grammar is parsed once ({@link ModelSpec}) and the "which fault now" decision is made once
 * ({@link FaultSchedule}); only the wire mechanics differ per transport.
 *
 * @param status            HTTP status to answer instead of a completion ({@code fault-<status>}), or null
 * @param retryAfterSeconds Retry-After / RetryInfo to attach to that error ({@code ra<s>}), or null
 * @param delayMillis       wait before anything is sent, headers included ({@code delay<ms>})
 * @param slowMillis        streams: wait after the headers, before the first chunk ({@code slow<ms>})
 * @param gapMillis         wait between stream chunks ({@code gap<ms>})
 * @param cutAfter          close the connection after this many chunks ({@code cut<n>}), or null
 * @param midAfter          streams: deliver {@code status} as an in-stream error after this many chunks
 *                          ({@code mid<n>}), or null
 * @param reset             close the connection without any response ({@code reset})
 * @param malformed         send a body / chunk that is not valid JSON ({@code malformed})
 */
public record FaultSpec(
        Integer status,
        Integer retryAfterSeconds,
        long delayMillis,
        long slowMillis,
        long gapMillis,
        Integer cutAfter,
        Integer midAfter,
        boolean reset,
        boolean malformed) {

    public static final FaultSpec NONE = new FaultSpec(null, null, 0, 0, 0, null, null, false, false);

    public boolean isNone() {
        return equals(NONE);
    }

    /** True when {@code status} should arrive inside a stream rather than instead of it. */
    public boolean statusMidStream(boolean streaming) {
        return status != null && streaming && midAfter != null;
    }
}
