package dev.switchboard.provider.vertex;

import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.core.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Type {@code vertex}: Gemini on Vertex AI. Needs a project and a location; {@code endpoint} (host:port) overrides
 * the regional endpoint, and {@code plaintext: true} talks to it without TLS or credentials. With {@code
 * batch.bucket}, the provider also runs native batch jobs (Vertex batch prediction, files in that bucket).
 */
public final class VertexProviderFactory implements ProviderFactory {
    public static final String TYPE = "vertex";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> validate(ProviderSettings s) {
        List<String> problems = new ArrayList<>();
        if (s.project() == null || s.project().isBlank()) problems.add("project: required for type vertex");
        if (s.location() == null || s.location().isBlank()) {
            problems.add("location: required for type vertex (e.g. us-central1, europe-west4 or global)");
        } else if (!VertexConfig.LOCATION.matcher(s.location()).matches()) {
            problems.add("location: '" + s.location() + "' is not a Vertex AI location (e.g. us-central1 or global)");
        }
        boolean hasEndpoint = s.endpoint() != null && !s.endpoint().isBlank();
        if (hasEndpoint && !VertexConfig.ENDPOINT.matcher(s.endpoint()).matches()) {
            problems.add("endpoint: '" + s.endpoint() + "' is not host:port");
        }
        if (s.plaintext() && !hasEndpoint) {
            problems.add("endpoint: required when plaintext is true (the local gRPC server to talk to)");
        }
        problems.addAll(VertexBatchSettings.validate(s.batch()));
        return problems;
    }

    @Override
    public ChatProvider create(ProviderSettings s) {
        return new VertexProvider(
                s.id(),
                new VertexConfig(s.project(), s.location(), s.endpoint(), s.plaintext()),
                s.headers(),
                VertexBatchSettings.of(s.batch()).orElse(null));
    }
}
