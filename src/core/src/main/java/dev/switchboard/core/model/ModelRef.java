package dev.switchboard.core.model;

import dev.switchboard.core.error.InvalidRequest;
import java.util.Objects;

/**
 * A concrete target: provider id and the provider's own model id. Written {@code provider/model}; the model part
 * may itself contain slashes (Bedrock ARNs, Ollama namespaces), so only the first slash separates.
 */
public record ModelRef(String provider, String model) {
    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** Parses {@code provider/model}; null when there is no slash (then the name is a route). */
    public static ModelRef parseOrNull(String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) return null;
        return new ModelRef(value.substring(0, slash), value.substring(slash + 1));
    }

    public static ModelRef parse(String value) {
        ModelRef ref = parseOrNull(value);
        if (ref == null) throw new InvalidRequest("'" + value + "' is not of the form provider/model");
        return ref;
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
