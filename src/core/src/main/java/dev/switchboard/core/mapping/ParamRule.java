package dev.switchboard.core.mapping;

import dev.switchboard.core.model.ChatRequest;
import java.util.Objects;
import java.util.function.Function;

/**
 * One request parameter as data: where it comes from in the canonical request, where it goes in the wire body
 * (a dotted path such as "generationConfig.maxOutputTokens"), and how it is clamped, defaulted or converted.
 */
public record ParamRule(
        String target,
        Function<ChatRequest, ?> source,
        Double min,
        Double max,
        Object fallback,
        Function<Object, ?> convert) {

    public ParamRule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
    }

    public static ParamRule param(String target, Function<ChatRequest, ?> source) {
        return new ParamRule(target, source, null, null, null, null);
    }

    /** Values outside [min, max] are pulled to the nearest bound (e.g. OpenAI's temperature 2 → Anthropic's 1). */
    public ParamRule clamp(double lo, double hi) {
        return new ParamRule(target, source, lo, hi, fallback, convert);
    }

    /** The value sent when the caller gave none (e.g. Anthropic requires max_tokens). */
    public ParamRule orDefault(Object value) {
        return new ParamRule(target, source, min, max, value, convert);
    }

    /** Converts a present value before it is written. */
    public ParamRule map(Function<Object, ?> fn) {
        return new ParamRule(target, source, min, max, fallback, fn);
    }

    Object valueFor(ChatRequest request) {
        Object v = source.apply(request);
        if (v instanceof java.util.Collection<?> c && c.isEmpty()) v = null;
        if (v == null) return fallback;
        if (v instanceof Number n && (min != null || max != null)) {
            double d = n.doubleValue();
            if (min != null && d < min) v = n instanceof Integer ? (Object) min.intValue() : min;
            else if (max != null && d > max) v = n instanceof Integer ? (Object) max.intValue() : max;
        }
        return convert == null ? v : convert.apply(v);
    }
}
