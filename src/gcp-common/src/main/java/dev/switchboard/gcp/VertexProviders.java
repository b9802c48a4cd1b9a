package dev.switchboard.gcp;

import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.provider.vertex.VertexProviderFactory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Both GCP packages (HTTP and batch) carry Vertex through Application Default Credentials (and the HTTP providers from the runtime), nothing from AWS. */
@Singleton
public class VertexProviders {

    @Produces
    @Singleton
    ProviderFactory vertex() {
        return new VertexProviderFactory();
    }
}
