package dev.switchboard.provider.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Test side: providers on the real SDK clients, pointed at a local server, with static test credentials. */
final class TestBedrock {
    static final String ACCESS_KEY = "test-access-key";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "test-secret-key"));

    private TestBedrock() {}

    static BedrockProvider provider(URI endpoint) {
        return new BedrockProvider(
                new BedrockConfig("bedrock", Region.US_EAST_1, endpoint, Duration.ofSeconds(5)), CREDENTIALS);
    }

    /** Netty's event loops take ~2 s to shut down gracefully; tests need not wait for that. */
    static void closeInBackground(BedrockProvider provider) {
        CompletableFuture.runAsync(provider::close);
    }
}
