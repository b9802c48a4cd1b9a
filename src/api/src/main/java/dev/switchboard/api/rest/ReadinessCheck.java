package dev.switchboard.api.rest;

/**
 * Something a runtime adds to {@code GET /health/ready} besides the providers (e.g. the Lambda's init-time secret
 * read). It is listed with its status; readiness as a whole still follows the providers, which already answer
 * "not configured" when a key they need is missing.
 */
public interface ReadinessCheck {
    String name();

    /** Why it is down (never a secret value); null when it is up. */
    String downReason();
}
