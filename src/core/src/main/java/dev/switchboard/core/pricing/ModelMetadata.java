package dev.switchboard.core.pricing;

import java.time.LocalDate;

/**
 * What the price table says about a model beyond its prices, for routing by capability. A flag is null when the
 * table does not state it (it omits most false flags), so "unknown" is never mistaken for "unsupported"; the
 * numbers and the date are null when not stated.
 *
 * @param contextWindow    max input tokens
 * @param supportsTools    function / tool calling
 * @param supportsJsonSchema structured output against a JSON schema
 */
public record ModelMetadata(
        Long contextWindow,
        Long maxOutputTokens,
        Boolean supportsVision,
        Boolean supportsTools,
        Boolean supportsJsonSchema,
        Boolean supportsReasoning,
        Boolean supportsPromptCaching,
        LocalDate deprecationDate) {

    /** True once the provider's announced deprecation date has been reached. */
    public boolean deprecatedOn(LocalDate day) {
        return deprecationDate != null && !day.isBefore(deprecationDate);
    }
}
