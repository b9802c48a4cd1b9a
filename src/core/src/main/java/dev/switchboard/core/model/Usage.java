package dev.switchboard.core.model;

/**
 * Token usage of one upstream call, in OpenAI's conventions: {@code inputTokens} counts every prompt token
 * including cache reads and writes; {@code outputTokens} counts every generated token including reasoning.
 * Every field is null when the provider did not report it: "not reported" is not zero.
 *
 * @param cacheReadTokens     prompt tokens served from the provider's cache (part of inputTokens)
 * @param cacheWriteTokens    prompt tokens written to the cache (part of inputTokens)
 * @param reasoningTokens     reasoning tokens (part of outputTokens)
 * @param cacheWrite1hTokens  the part of cacheWriteTokens written with a one-hour lifetime, when reported
 */
public record Usage(
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Long reasoningTokens,
        Long cacheWrite1hTokens) {

    public static final Usage NOT_REPORTED = new Usage(null, null, null, null, null, null);

    public static Usage of(long input, long output) {
        return new Usage(input, output, null, null, null, null);
    }

    public Usage(
            Long inputTokens, Long outputTokens, Long cacheReadTokens, Long cacheWriteTokens, Long reasoningTokens) {
        this(inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, null);
    }

    public boolean reported() {
        return inputTokens != null || outputTokens != null;
    }

    /** input + output, or null unless both are known. */
    public Long totalTokens() {
        return inputTokens == null || outputTokens == null ? null : inputTokens + outputTokens;
    }

    /** Prompt tokens billed at the plain input rate: input minus cache reads and writes (never negative). */
    public Long uncachedInputTokens() {
        if (inputTokens == null) return null;
        long cached = nz(cacheReadTokens) + nz(cacheWriteTokens);
        return Math.max(0, inputTokens - cached);
    }

    /**
     * Combines a later report with this one: fields the later one reports win, fields it leaves out keep
     * their earlier value (Anthropic reports input at message_start and output at message_delta).
     */
    public Usage overlay(Usage later) {
        if (later == null) return this;
        return new Usage(
                pick(later.inputTokens, inputTokens),
                pick(later.outputTokens, outputTokens),
                pick(later.cacheReadTokens, cacheReadTokens),
                pick(later.cacheWriteTokens, cacheWriteTokens),
                pick(later.reasoningTokens, reasoningTokens),
                pick(later.cacheWrite1hTokens, cacheWrite1hTokens));
    }

    private static Long pick(Long later, Long earlier) {
        return later != null ? later : earlier;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
