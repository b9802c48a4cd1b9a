package dev.switchboard.gcp;

import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.provider.vertex.VertexProviderFactory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The GCP package carries Vertex (and the HTTP providers from the shared API), nothing from AWS. */
@Singleton
public class VertexProviders {

    @Produces
    @Singleton
    ProviderFactory vertex() {
        return new VertexProviderFactory();
    }
}
