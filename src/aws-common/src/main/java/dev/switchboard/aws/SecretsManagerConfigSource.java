package dev.switchboard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.http.Json;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
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
            System.err.println("switchboard: could not read secret " + ARN_ENV + " (" + e.getClass().getSimpleName()
                    + "); providers needing its keys will report themselves not configured");
            return Map.of();
        }
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
