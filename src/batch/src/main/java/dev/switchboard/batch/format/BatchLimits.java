package dev.switchboard.batch.format;

/**
 * What one input file may hold. Defaults are OpenAI's (50,000 requests, 200 MB); a line is also capped, since the
 * engine holds a whole line in memory.
 *
 * @param maxErrors validation errors listed at most (the count of the rest is in the last one's message)
 */
public record BatchLimits(int maxLines, long maxFileBytes, int maxLineBytes, int maxErrors) {
    public static final BatchLimits DEFAULT = new BatchLimits(50_000, 200L * 1024 * 1024, 10 * 1024 * 1024, 100);

    public BatchLimits {
        if (maxLines < 1 || maxFileBytes < 1 || maxLineBytes < 1 || maxErrors < 1) {
            throw new IllegalArgumentException("batch limits must be positive");
        }
    }
}
