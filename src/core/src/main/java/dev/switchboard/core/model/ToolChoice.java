package dev.switchboard.core.model;

import java.util.Objects;

/** How the model may use the tools it was given. */
public sealed interface ToolChoice {
    ToolChoice AUTO = new Auto();
    ToolChoice NONE = new None();
    ToolChoice REQUIRED = new Required();

    /** The model decides. */
    record Auto() implements ToolChoice {}

    /** The model must not call tools. */
    record None() implements ToolChoice {}

    /** The model must call at least one tool. */
    record Required() implements ToolChoice {}

    /** The model must call this tool. */
    record Tool(String name) implements ToolChoice {
        public Tool {
            Objects.requireNonNull(name, "name");
        }
    }
}
