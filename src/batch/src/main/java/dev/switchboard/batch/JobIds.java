package dev.switchboard.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Batch, batch-line and output-file ids. */
public final class JobIds {
    private static final Pattern VALID = Pattern.compile("batch_[A-Za-z0-9_-]{1,64}");

    private JobIds() {}

    private static final AtomicLong LAST_MILLIS = new AtomicLong();

    /**
     * A new id that sorts after every id made before it in this process (a millisecond clock that never repeats,
     * then randomness), so listings newest-first are stable even for jobs created in the same second.
     */
    public static String random() {
        long t = LAST_MILLIS.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis()));
        return "batch_" + String.format("%012x", t)
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /**
     * The same id for the same input every time, so a re-delivered bucket event or a re-run command finds the job
     * it started: e.g. bucket + key + version (ETag, generation), or a file's path and content hash.
     */
    public static String fromInput(String... parts) {
        return "batch_" + hash(String.join("\u0000", parts)).substring(0, 32);
    }

    public static boolean valid(String id) {
        return VALID.matcher(id).matches();
    }

    /** The id of one line's answer ({@code batch_req_...}), stable across re-runs. */
    public static String lineId(String jobId, int line) {
        return "batch_req_" + hash(jobId + ":" + line).substring(0, 32);
    }

    /** The file id of a job's output file ({@code file-<job>-output}). */
    public static String outputFileId(String jobId) {
        return "file-" + jobId + "-output";
    }

    /** The file id of a job's error file ({@code file-<job>-errors}). */
    public static String errorFileId(String jobId) {
        return "file-" + jobId + "-errors";
    }

    private static String hash(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
