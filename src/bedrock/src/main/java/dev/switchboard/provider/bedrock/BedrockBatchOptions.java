package dev.switchboard.provider.bedrock;

import dev.switchboard.core.http.HttpUrls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Native batch settings of a Bedrock provider ({@code switchboard.providers.<id>.batch.*}).
 *
 * @param bucket     S3 bucket for input and output files (same region as the provider)
 * @param prefix     key prefix, "" or ending in "/" (default {@value #DEFAULT_PREFIX})
 * @param roleArn    the service role Bedrock assumes to read the input and write the output
 * @param s3Endpoint endpointOverride of the S3 client (path-style), null for AWS
 */
record BedrockBatchOptions(String bucket, String prefix, String roleArn, URI s3Endpoint) {
    static final String DEFAULT_PREFIX = "switchboard-native/";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][-.a-z0-9]{1,61}[a-z0-9]");
    /** The key characters Bedrock's S3Uri pattern allows. */
    private static final Pattern PREFIX = Pattern.compile("([-!_*'().a-zA-Z0-9]+/)*");

    private static final Pattern ROLE = Pattern.compile("arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+");

    /** The options, or null when native batch is not configured (no bucket or role) or turned off. */
    static BedrockBatchOptions from(Map<String, String> batch) {
        if ("false".equalsIgnoreCase(value(batch, "enabled"))) return null;
        String bucket = value(batch, "bucket");
        String role = value(batch, "role-arn");
        if (bucket == null || role == null) return null;
        String prefix = value(batch, "prefix");
        String endpoint = value(batch, "s3-endpoint");
        return new BedrockBatchOptions(
                bucket, prefix == null ? DEFAULT_PREFIX : prefix, role, endpoint == null ? null : URI.create(endpoint));
    }

    /** Configuration errors, each naming its key. */
    static List<String> problems(String providerId, Map<String, String> batch) {
        List<String> out = new ArrayList<>();
        String key = "switchboard.providers." + providerId + ".batch.";
        String bucket = value(batch, "bucket");
        String role = value(batch, "role-arn");
        String prefix = value(batch, "prefix");
        String endpoint = value(batch, "s3-endpoint");
        if ((bucket == null) != (role == null) && !"false".equalsIgnoreCase(value(batch, "enabled"))) {
            out.add(key + (bucket == null ? "bucket" : "role-arn")
                    + ": Bedrock batch jobs need both bucket and role-arn");
        }
        if (bucket != null && !BUCKET.matcher(bucket).matches()) {
            out.add(key + "bucket: not an S3 bucket name: " + bucket);
        }
        if (role != null && !ROLE.matcher(role).matches()) {
            out.add(key + "role-arn: not an IAM role ARN (arn:aws:iam::<account>:role/<name>): " + role);
        }
        if (prefix != null && !PREFIX.matcher(prefix).matches()) {
            out.add(key + "prefix: must be empty or end in '/', with only [-!_*'().a-zA-Z0-9/]: " + prefix);
        }
        if (endpoint != null) HttpUrls.problem(key + "s3-endpoint", endpoint).ifPresent(out::add);
        return out;
    }

    String inputKey(String jobId) {
        return prefix + jobId + "/input.jsonl";
    }

    String inputUri(String jobId) {
        return "s3://" + bucket + "/" + inputKey(jobId);
    }

    String outputUri(String jobId) {
        return "s3://" + bucket + "/" + prefix + jobId + "/output/";
    }

    private static String value(Map<String, String> batch, String key) {
        String v = batch == null ? null : batch.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
