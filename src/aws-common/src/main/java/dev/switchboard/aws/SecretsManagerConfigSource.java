package dev.switchboard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Third-party provider keys from one Secrets Manager secret, read once at cold start. The secret (ARN in
 * {@code SWITCHBOARD_SECRET_ARN}) is a JSON object of env-style names to values, e.g.
 * {@code {"OPENAI_API_KEY": "...", "ANTHROPIC_API_KEY": "..."}}; application.yaml refers to them as
 * {@code ${OPENAI_API_KEY:}}. Real environment variables win (ordinal 275 &lt; env's 300).
 *
 * <p>A secret that cannot be read is reported (without its value) and left out: Bedrock, which needs no key,
 * keeps working, and the affected providers answer "not configured". With SnapStart the values are captured in
 * the snapshot; rotate by publishing a new version (see terraform/aws/README.md).
 */
public class SecretsManagerConfigSource implements ConfigSource {
    static final String ARN_ENV = "SWITCHBOARD_SECRET_ARN";

    /** Why the secret could not be read at init (no value, never a key); null when it was read or not configured. */
    private static volatile String failure;

    private final Map<String, String> values;

    public SecretsManagerConfigSource() {
        this(System.getenv(ARN_ENV));
    }

    SecretsManagerConfigSource(String arn) {
        this.values = arn == null || arn.isBlank() ? Map.of() : load(arn);
    }

    private static Map<String, String> load(String arn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return parse(client.getSecretValue(b -> b.secretId(arn)).secretString());
        } catch (RuntimeException e) {
            // the ARN names the secret, it is not one; the exception's message may quote the request, so only its type
            failure = "could not read secret " + arn + " (" + ARN_ENV + "): "
                    + e.getClass().getSimpleName();
            Logger.getLogger(SecretsManagerConfigSource.class)
                    .warnf(
                            "%s; providers needing its keys report themselves "
                                    + "not configured (GET /health/ready shows it)",
                            failure);
            return Map.of();
        }
    }

    /** Why the init read of the secret failed, for the readiness check; null when it did not. */
    public static String failure() {
        return failure;
    }

    static Map<String, String> parse(String secretString) {
        JsonNode json = Json.tryParse(secretString);
        if (json == null || !json.isObject()) return Map.of();
        Map<String, String> out = new HashMap<>();
        json.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) out.put(e.getKey(), e.getValue().asText());
        });
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "SecretsManager[" + ARN_ENV + "]";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
