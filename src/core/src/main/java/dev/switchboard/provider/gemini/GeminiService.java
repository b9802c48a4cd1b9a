package dev.switchboard.provider.gemini;

/** The two services that speak Gemini's content model. They share the mapping and differ in a few request fields. */
public enum GeminiService {
    /** The Gemini API (AI Studio, generativelanguage.googleapis.com). */
    AI_STUDIO("gemini"),
    /** Gemini on Vertex AI, which also takes labels and a Model Armor configuration. */
    VERTEX("vertex");

    private final String providerType;

    GeminiService(String providerType) {
        this.providerType = providerType;
    }

    /** The configured provider type, used in error messages. */
    public String providerType() {
        return providerType;
    }
}
