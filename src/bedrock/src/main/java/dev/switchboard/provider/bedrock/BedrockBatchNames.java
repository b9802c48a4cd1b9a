package dev.switchboard.provider.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a Switchboard job id is written on a Bedrock model invocation job, so that {@code find} and an EventBridge
 * handler ("Batch Inference Job State Change" events carry {@code batchJobName} and {@code batchJobArn}) can get
 * back to it.
 *
 * <ul>
 *   <li><b>clientRequestToken</b> = {@link #token}: {@code "sb-"} + the job id with {@code '-'} written
 *       {@code "-d"} and {@code '_'} written {@code "-u"} (Bedrock's token and job name take only
 *       {@code [a-zA-Z0-9-]}); {@code batch_0190abc} → {@code sb-batch-u0190abc}. Reversible.</li>
 *   <li><b>jobName</b> = {@link #jobName}: the token when it fits Bedrock's 63 characters (every id
 *       {@code JobIds} makes does: 38 characters → 42), else {@code "sb-x"} + 59 hex digits of the id's SHA-256.
 *       {@link #jobIdOf} decodes the first form.</li>
 *   <li><b>tag</b> {@value #TAG} = the job id as it is (tag values take {@code _}).</li>
 * </ul>
 */
public final class BedrockBatchNames {
    /** The tag on every job Switchboard creates; its value is the Switchboard job id. */
    public static final String TAG = "switchboard-job";

    static final String PREFIX = "sb-";
    private static final String HASHED = "sb-x";
    private static final int MAX_NAME = 63;

    private BedrockBatchNames() {}

    /** The {@code clientRequestToken} for a job id (at most 3 + 2 × 70 characters, within Bedrock's 256). */
    public static String token(String jobId) {
        if (jobId == null || jobId.isEmpty()) throw new IllegalArgumentException("no job id");
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < jobId.length(); i++) {
            char c = jobId.charAt(i);
            if (c == '-') sb.append("-d");
            else if (c == '_') sb.append("-u");
            else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) sb.append(c);
            else throw new IllegalArgumentException("job ids take [A-Za-z0-9_-] only: " + jobId);
        }
        if (sb.length() > 256) throw new IllegalArgumentException("job id too long for a Bedrock token: " + jobId);
        return sb.toString();
    }

    /** The Bedrock job name for a job id. */
    public static String jobName(String jobId) {
        String token = token(jobId);
        return token.length() <= MAX_NAME ? token : HASHED + sha256(jobId).substring(0, MAX_NAME - HASHED.length());
    }

    /** The Switchboard job id a Bedrock job name or token stands for; empty for hashed or foreign names. */
    public static Optional<String> jobIdOf(String nameOrToken) {
        if (nameOrToken == null || !nameOrToken.startsWith(PREFIX) || nameOrToken.startsWith(HASHED)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        String s = nameOrToken.substring(PREFIX.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '-') {
                sb.append(c);
                continue;
            }
            char next = i + 1 < s.length() ? s.charAt(++i) : ' ';
            if (next == 'd') sb.append('-');
            else if (next == 'u') sb.append('_');
            else return Optional.empty();
        }
        return sb.isEmpty() ? Optional.empty() : Optional.of(sb.toString());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
