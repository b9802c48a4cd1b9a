package dev.switchboard.core.model;

/**
 * How much the model should think. {@code effort} is OpenAI's vocabulary (minimal, low, medium, high);
 * {@code budgetTokens} is an explicit thinking budget (Anthropic, Gemini). Either may be null; adapters
 * translate one into the other where their provider only speaks one of them.
 */
public record ReasoningConfig(String effort, Integer budgetTokens) {

    /** Default budgets used when a provider needs tokens and the caller gave an effort. */
    public int budgetOr(int fallback) {
        if (budgetTokens != null) return budgetTokens;
        if (effort == null) return fallback;
        return switch (effort) {
            case "minimal" -> 1024;
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> fallback;
        };
    }

    /** True when the caller turned reasoning off (effort "none" or a zero budget). */
    public boolean disabled() {
        return "none".equals(effort) || (budgetTokens != null && budgetTokens == 0);
    }
}
