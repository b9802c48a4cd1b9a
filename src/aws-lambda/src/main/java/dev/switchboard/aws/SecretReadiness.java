package dev.switchboard.aws;

import dev.switchboard.api.rest.ReadinessCheck;
import jakarta.inject.Singleton;

/** The init-time read of the provider-key secret, as {@code GET /health/ready} lists it: a failure is not silent. */
@Singleton
public class SecretReadiness implements ReadinessCheck {

    @Override
    public String name() {
        return "secret:" + SecretsManagerConfigSource.ARN_ENV;
    }

    @Override
    public String downReason() {
        return SecretsManagerConfigSource.failure();
    }
}
