package dev.switchboard.batch.job;

import java.util.Locale;

/**
 * Where one job's blobs live in the store, all below {@code <prefix><job id>/}: the batch object, the run leases,
 * one checkpoint per line, the cancel marker and the assembled output and error files.
 */
public record JobLayout(String prefix, String jobId) {

    public String dir() {
        return prefix + jobId + "/";
    }

    public String batch() {
        return dir() + "batch.json";
    }

    public String cancel() {
        return dir() + "cancel";
    }

    public String runs() {
        return dir() + "runs/";
    }

    public String run(int seq) {
        return runs() + String.format(Locale.ROOT, "%08d", seq);
    }

    public String results() {
        return dir() + "results/";
    }

    public String result(int line) {
        return results() + String.format(Locale.ROOT, "%08d.json", line);
    }

    /** The line number of a result key, or -1 for another key. */
    public int lineOf(String resultKey) {
        if (!resultKey.startsWith(results()) || !resultKey.endsWith(".json")) return -1;
        try {
            return Integer.parseInt(resultKey.substring(results().length(), resultKey.length() - 5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A native job's provider job: the plan (provider, model, route) and, once submitted, the job and its handles. */
    public String nativeJob() {
        return dir() + "native.json";
    }

    /**
     * A native job's create intent, written (create-only) before the provider's create is called: when it exists and
     * {@link #nativeJob} has no provider job, an earlier create's outcome is unknown.
     */
    public String nativeIntent() {
        return dir() + "native-intent.json";
    }

    public String output() {
        return dir() + "output.jsonl";
    }

    public String errors() {
        return dir() + "errors.jsonl";
    }
}
