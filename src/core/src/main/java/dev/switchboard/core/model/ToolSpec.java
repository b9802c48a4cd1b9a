package dev.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A function the model may call. {@code parameters} is a JSON Schema object (treated as immutable);
 * {@code strict} is null when the caller did not say.
 */
public record ToolSpec(String name, String description, JsonNode parameters, Boolean strict) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
    }
}
