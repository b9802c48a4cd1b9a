package dev.switchboard.core.pricing;

import java.time.LocalDate;

/**
 * What the price table says about a model beyond its prices, for routing by capability. A flag the table leaves
 * out reads as false (the table omits most false flags); the numbers and the date are null when not stated.
 *
 * @param contextWindow    max input tokens
 * @param supportsTools    function / tool calling
 * @param supportsJsonSchema structured output against a JSON schema
 */
public record ModelMetadata(Long contextWindow, Long maxOutputTokens, boolean supportsVision, boolean supportsTools,
                            boolean supportsJsonSchema, boolean supportsReasoning, boolean supportsPromptCaching,
                            LocalDate deprecationDate) {

    /** True once the provider's announced deprecation date has been reached. */
    public boolean deprecatedOn(LocalDate day) {
        return deprecationDate != null && !day.isBefore(deprecationDate);
    }
}
