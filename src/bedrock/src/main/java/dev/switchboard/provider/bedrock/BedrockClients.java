package dev.switchboard.provider.bedrock;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The runtime clients a provider uses, built on first use (a Lambda that only streams never builds the sync
 * client). The control-plane client lives in {@link BedrockModelListing}, so that its jar can be left out.
 *
 * <p>HTTP clients: the sync runtime and control-plane clients use {@code url-connection-client} — no dependency
 * beyond the JDK (33 KB), the fastest cold start of the SDK's sync clients (Apache 5 adds ~2.3 MB with
 * httpclient5, httpcore5 and h2, for a connection pool a Lambda does not need). Streaming needs an async client,
 * and Netty (4 MB with its modules) is the SDK's only one without native libraries (aws-crt is a 24 MB jar).
 */
final class BedrockClients implements AutoCloseable {
    /**
     * Socket read backstop only: the gateway bounds each call itself (apiCallTimeout for chat, the stream's idle
     * timeout for streams). Bedrock allows single inference calls up to 60 minutes, and a non-streamed answer sends
     * nothing until it is complete, so the SDK's 30 s default would cut long answers.
     */
    private static final Duration READ_BACKSTOP = Duration.ofMinutes(60);
    /** Concurrent streams per provider; the Netty default of 50 would queue a busy gateway's streams. */
    private static final int MAX_STREAMS = 500;

    private final BedrockConfig settings;
    private final AwsCredentialsProvider credentials;
    private final Lazy<BedrockRuntimeClient> runtime = new Lazy<>(this::buildRuntime);
    private final Lazy<BedrockRuntimeAsyncClient> runtimeAsync = new Lazy<>(this::buildRuntimeAsync);

    BedrockClients(BedrockConfig settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    BedrockRuntimeClient runtime() {
        return runtime.get();
    }

    BedrockRuntimeAsyncClient runtimeAsync() {
        return runtimeAsync.get();
    }

    private BedrockRuntimeClient buildRuntime() {
        return configure(BedrockRuntimeClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(READ_BACKSTOP))
                .build();
    }

    private BedrockRuntimeAsyncClient buildRuntimeAsync() {
        return configure(BedrockRuntimeAsyncClient.builder())
                // HTTP/1.1: ConverseStream is a plain response stream; the SDK's HTTP/2 default exists for the
                // bidirectional APIs, which this provider does not use, and fails against http:// endpoints.
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .connectionTimeout(settings.connectTimeout())
                        .readTimeout(READ_BACKSTOP)
                        .maxConcurrency(MAX_STREAMS))
                .build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return configure(builder, settings, credentials);
    }

    /** Region, credentials, endpoint override and retry policy, the same for every client of a provider. */
    static <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, BedrockConfig settings, AwsCredentialsProvider credentials) {
        builder.region(settings.region())
                .credentialsProvider(credentials)
                // No SDK retries: the gateway retries and falls over between targets itself; retrying here too
                // would multiply attempts (3 SDK tries × gateway tries) and hide the time each one took.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build());
        if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
        return builder;
    }

    @Override
    public void close() {
        runtime.close();
        runtimeAsync.close();
    }
}
