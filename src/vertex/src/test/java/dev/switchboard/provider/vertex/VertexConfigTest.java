package dev.switchboard.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.aiplatform.v1.stub.PredictionServiceStubSettings;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.spi.ProviderSettings;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VertexConfigTest {

    @Test
    void endpoints() {
        assertThat(new VertexConfig("p", "us-central1", null, false).effectiveEndpoint())
                .isEqualTo("us-central1-aiplatform.googleapis.com:443");
        assertThat(new VertexConfig("p", "global", null, false).effectiveEndpoint())
                .isEqualTo("aiplatform.googleapis.com:443");
        assertThat(new VertexConfig("p", "global", "localhost:8085", true).effectiveEndpoint())
                .isEqualTo("localhost:8085");
    }

    @Test
    void modelResources() {
        VertexConfig config = new VertexConfig("my-proj", "europe-west4", null, false);
        assertThat(config.modelResource("gemini-2.5-flash"))
                .isEqualTo("projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-flash");
        assertThat(config.modelResource("publishers/google/models/gemini-2.0-flash-001"))
                .isEqualTo("projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001");
        assertThat(config.modelResource("projects/my-proj/locations/us-east5/endpoints/123"))
                .isEqualTo("projects/my-proj/locations/us-east5/endpoints/123");
        assertThatThrownBy(() -> config.modelResource("gemini/../../other")).isInstanceOf(InvalidRequest.class);
    }

    /** The service account may reach other projects; callers may not, through it. */
    @Test
    void resourcesOutsideTheConfiguredProjectAre400() {
        VertexConfig config = new VertexConfig("my-proj", "europe-west4", null, false);
        assertThatThrownBy(() -> config.modelResource("projects/x/locations/us-east5/endpoints/123"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("configured project");
        assertThatThrownBy(() -> config.modelResource("projects/my-proj-2/locations/us-east5/endpoints/123"))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> config.modelResource("publishers/google/../../../projects/x/models/m"))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> config.modelResource("publishers/x/projects/y/models/m"))
                .isInstanceOf(InvalidRequest.class);
    }

    @Test
    void factoryValidation() {
        VertexProviderFactory factory = new VertexProviderFactory();
        assertThat(factory.type()).isEqualTo("vertex");
        assertThat(factory.validate(ProviderSettings.builder("v", "vertex").build()))
                .anyMatch(p -> p.startsWith("project:"))
                .anyMatch(p -> p.startsWith("location:"));
        assertThat(factory.validate(ProviderSettings.builder("v", "vertex")
                        .project("p")
                        .location("US Central")
                        .build()))
                .singleElement()
                .asString()
                .startsWith("location:");
        assertThat(factory.validate(ProviderSettings.builder("v", "vertex")
                        .project("p")
                        .location("global")
                        .plaintext(true)
                        .build()))
                .singleElement()
                .asString()
                .startsWith("endpoint:");
        assertThat(factory.validate(ProviderSettings.builder("v", "vertex")
                        .project("p")
                        .location("us-central1")
                        .endpoint("localhost")
                        .build()))
                .singleElement()
                .asString()
                .startsWith("endpoint:");
        assertThat(factory.validate(ProviderSettings.builder("v", "vertex")
                        .project("p")
                        .location("us-central1")
                        .endpoint("127.0.0.1:8085")
                        .plaintext(true)
                        .build()))
                .isEmpty();
    }

    /** The gateway retries; the generated settings we rely on must not retry underneath it. */
    @Test
    void theSdkDoesNotRetry() throws IOException {
        PredictionServiceStubSettings settings =
                PredictionServiceStubSettings.newBuilder().build();
        assertThat(settings.generateContentSettings().getRetryableCodes()).isEmpty();
        assertThat(settings.streamGenerateContentSettings().getRetryableCodes()).isEmpty();
        RetrySettings retry = settings.generateContentSettings().getRetrySettings();
        assertThat(retry.getTotalTimeoutDuration()).isEqualTo(Duration.ZERO);
        assertThat(retry.getInitialRpcTimeoutDuration()).isEqualTo(Duration.ZERO);
    }
}
