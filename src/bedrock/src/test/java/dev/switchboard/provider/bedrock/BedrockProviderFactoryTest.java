package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.spi.CallOptions;
import dev.switchboard.core.spi.ChatProvider;
import dev.switchboard.core.spi.ProviderSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

class BedrockProviderFactoryTest {
    private final BedrockProviderFactory factory = new BedrockProviderFactory();
    private static final AwsRegionProvider NO_REGION = () -> {
        throw SdkClientException.create("Unable to load region from any of the providers in the chain");
    };

    @Test
    void typeAndEndpointValidation() {
        assertThat(factory.type()).isEqualTo("bedrock");
        assertThat(factory.validate(settings().build()))
                .as("region may come from the default chain")
                .isEmpty();
        assertThat(factory.validate(settings().endpoint("http://localhost:4566").build()))
                .isEmpty();
        assertThat(factory.validate(settings().endpoint("localhost:4566").build()))
                .containsExactly("endpoint: 'localhost:4566' is not an absolute http(s) URL");
        assertThat(factory.validate(settings().endpoint("ftp://host/x").build()))
                .hasSize(1);
    }

    @Test
    void anExplicitRegionAndEndpointAreUsed() {
        BedrockConfig s = BedrockConfig.from(
                settings()
                        .region(" eu-central-1 ")
                        .endpoint("https://vpce.example.com")
                        .build(),
                NO_REGION);
        assertThat(s.region()).isEqualTo(Region.EU_CENTRAL_1);
        assertThat(s.endpoint()).isEqualTo(URI.create("https://vpce.example.com"));
        assertThat(s.unavailableReason()).isNull();
    }

    @Test
    void withoutARegionTheDefaultChainDecides() {
        assertThat(BedrockConfig.from(settings().build(), () -> Region.US_WEST_2)
                        .region())
                .isEqualTo(Region.US_WEST_2);
        BedrockConfig none = BedrockConfig.from(settings().build(), NO_REGION);
        assertThat(none.region()).isNull();
        assertThat(none.unavailableReason()).contains("no AWS region").contains("switchboard.providers.aws.region");
    }

    @Test
    void aProviderWithoutRegionIsCreatedButUnavailable() {
        BedrockProvider p =
                new BedrockProvider(BedrockConfig.from(settings().build(), NO_REGION), TestBedrock.CREDENTIALS);
        ChatRequest request = ChatRequest.builder()
                .model("amazon.nova-micro-v1:0")
                .messages(Message.user("hi"))
                .build();
        assertThat(p.unavailableReason()).isNotNull();
        assertThatThrownBy(() -> p.chat(request, CallOptions.DEFAULT)).isInstanceOf(NotConfigured.class);
        assertThatThrownBy(() -> p.stream(request, CallOptions.DEFAULT)).isInstanceOf(NotConfigured.class);
        assertThatThrownBy(p::listModels).isInstanceOf(NotConfigured.class);
        p.close();
    }

    @Test
    void theFactoryBuildsAProviderWithoutTouchingCredentialsOrNetwork() {
        ChatProvider p = factory.create(settings().region("us-east-1").build());
        assertThat(p.id()).isEqualTo("aws");
        assertThat(p.type()).isEqualTo("bedrock");
        assertThat(p.unavailableReason()).isNull();
        ((BedrockProvider) p).close();
    }

    private static ProviderSettings.Builder settings() {
        return ProviderSettings.builder("aws", "bedrock");
    }
}
