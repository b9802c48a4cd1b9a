package dev.switchboard.emulator.behavior;

/** The wire protocol a recorded request arrived on. */
public enum Protocol {
    OPENAI,
    AZURE_OPENAI,
    ANTHROPIC,
    GEMINI,
    BEDROCK,
    VERTEX,
    /** The emulator's own {@code /_emulator/...} endpoints; never recorded, listed for completeness. */
    ADMIN
}
