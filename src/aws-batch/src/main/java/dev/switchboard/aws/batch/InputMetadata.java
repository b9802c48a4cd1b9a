package dev.switchboard.aws.batch;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Job options carried by the dropped object itself: the S3 user metadata {@code x-amz-meta-switchboard-mode}
 * ({@code sync}, {@code native} or {@code auto}) becomes the job's {@code metadata.mode}. The engine judges the value.
 */
final class InputMetadata {
    /** The job metadata key the engine reads the mode from. */
    static final String MODE = "mode";
    /** The user metadata name (without S3's {@code x-amz-meta-} prefix, which the SDK strips). */
    static final String S3_MODE = "switchboard-mode";
    /** OpenAI's limit on a metadata value; longer is not a mode anyway. */
    private static final int MAX_VALUE = 512;

    private InputMetadata() {}

    static Optional<String> mode(Map<String, String> userMetadata) {
        return userMetadata.entrySet().stream()
                .filter(e -> S3_MODE.equalsIgnoreCase(e.getKey()))
                .map(e -> e.getValue().trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .map(v -> v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v)
                .findFirst();
    }
}
