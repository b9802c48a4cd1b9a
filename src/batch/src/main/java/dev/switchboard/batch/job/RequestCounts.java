package dev.switchboard.batch.job;

/** OpenAI's {@code request_counts}: requests in the file, answered, failed. */
public record RequestCounts(int total, int completed, int failed) {
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0);
}
