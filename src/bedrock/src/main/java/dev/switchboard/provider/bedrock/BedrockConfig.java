package dev.switchboard.provider.bedrock;

import dev.switchboard.core.http.HttpUrls;
import dev.switchboard.core.spi.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What a Bedrock provider takes from configuration, resolved once.
 *
 * <p>Region: the {@code region} setting wins; without it the SDK's default region chain is asked (AWS_REGION,
 * which Lambda always sets, then the aws.region system property, the profile file, instance metadata). When neither
 * yields one the provider is still created but reports itself unavailable, like a provider without credentials.
 *
 * @param id             the provider id ("bedrock" in "bedrock/us.anthropic.claude-…")
 * @param region         null when neither the setting nor the default chain gave one
 * @param endpoint       endpointOverride for the runtime and control-plane clients (local emulators, VPC endpoints)
 * @param connectTimeout TCP connect timeout of both HTTP clients
 * @param batch          native batch options, null when batch jobs are not configured
 */
record BedrockConfig(String id, Region region, URI endpoint, Duration connectTimeout, BedrockBatchOptions batch) {

    BedrockConfig {
        Objects.requireNonNull(id, "id");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    }

    BedrockConfig(String id, Region region, URI endpoint, Duration connectTimeout) {
        this(id, region, endpoint, connectTimeout, null);
    }

    static BedrockConfig from(ProviderSettings s) {
        return from(s, new DefaultAwsRegionProviderChain());
    }

    static BedrockConfig from(ProviderSettings s, AwsRegionProvider fallback) {
        Region region = blank(s.region())
                ? defaultRegion(fallback)
                : Region.of(s.region().trim());
        URI endpoint = blank(s.endpoint()) ? null : URI.create(s.endpoint().trim());
        return new BedrockConfig(s.id(), region, endpoint, s.connectTimeout(), BedrockBatchOptions.from(s.batch()));
    }

    static List<String> problems(ProviderSettings s) {
        List<String> problems = new ArrayList<>();
        if (!blank(s.endpoint())) HttpUrls.problem("endpoint", s.endpoint()).ifPresent(problems::add);
        problems.addAll(BedrockBatchOptions.problems(s.id(), s.batch()));
        return problems;
    }

    /** Why the provider cannot be used, or null. */
    String unavailableReason() {
        return region == null
                ? "provider '" + id + "' has no AWS region (set switchboard.providers." + id + ".region or AWS_REGION)"
                : null;
    }

    private static Region defaultRegion(AwsRegionProvider chain) {
        try {
            return chain.getRegion();
        } catch (SdkClientException none) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
