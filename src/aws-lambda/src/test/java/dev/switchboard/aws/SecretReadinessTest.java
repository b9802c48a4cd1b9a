package dev.switchboard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GET /health/ready lists the init-time secret read under its env name, with the source's own failure reason. */
class SecretReadinessTest {

    @Test
    void reportsTheSecretSourcesFailureUnderTheSecretsName() {
        SecretReadiness readiness = new SecretReadiness();
        assertThat(readiness.name()).isEqualTo("secret:" + SecretsManagerConfigSource.ARN_ENV);
        // no secret configured in this JVM: nothing failed, the check is up
        assertThat(readiness.downReason()).isEqualTo(SecretsManagerConfigSource.failure());
    }
}
