package dev.switchboard.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The shape the caller wants the answer in. */
public sealed interface ResponseFormat {
    ResponseFormat TEXT = new Text();
    ResponseFormat JSON_OBJECT = new JsonObject();

    record Text() implements ResponseFormat {}

    /** Any valid JSON object. */
    record JsonObject() implements ResponseFormat {}

    /** JSON matching {@code schema}. */
    record JsonSchema(String name, String description, JsonNode schema, Boolean strict) implements ResponseFormat {
        public JsonSchema {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(schema, "schema");
        }
    }
}
