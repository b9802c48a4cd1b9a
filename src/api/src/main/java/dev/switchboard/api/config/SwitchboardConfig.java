package dev.switchboard.api.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything under the {@code switchboard} prefix (application.yaml, env, -D, or an extra file via
 * {@code -Dquarkus.config.locations=FILE}). Secrets come only from env or a secret manager, through expressions
 * such as {@code api-key: ${OPENAI_API_KEY:}}. See README, "Configuration reference".
 */
@ConfigMapping(prefix = "switchboard")
public interface SwitchboardConfig {

    /** Providers by id; the id is what callers write before the slash in {@code provider/model}. */
    Map<String, Provider> providers();

    /** Named routes; the name is used as a model. */
    Map<String, Route> routes();

    Limits limits();

    Catalog catalog();

    Timeouts timeouts();

    Dev dev();

    Streaming streaming();

    Pricing pricing();

    interface Provider {
        /** openai, azure-openai, openai-compatible, anthropic, gemini, bedrock, vertex. */
        String type();

        /** The provider's key; absent or empty means "not configured" (reported at startup). */
        @WithName("api-key")
        Optional<String> apiKey();

        /** Endpoint override for HTTP providers. */
        @WithName("base-url")
        Optional<String> baseUrl();

        /** Azure OpenAI api-version. */
        @WithName("api-version")
        Optional<String> apiVersion();

        /** AWS region (Bedrock). */
        Optional<String> region();

        /** SDK endpoint override: a URL for Bedrock, host:port for Vertex. */
        Optional<String> endpoint();

        /** Vertex: plaintext gRPC to {@code endpoint} without credentials (a local server). */
        @WithDefault("false")
        boolean plaintext();

        /** GCP project (Vertex). */
        Optional<String> project();

        /** GCP location (Vertex), e.g. us-central1 or global. */
        Optional<String> location();

        @WithName("connect-timeout")
        @WithDefault("10s")
        Duration connectTimeout();

        /** List fine-tuned models (ft: prefix) in GET /v1/models. */
        @WithName("include-fine-tuned")
        @WithDefault("false")
        boolean includeFineTuned();

        /** Extra headers sent upstream with every request (e.g. OpenAI-Organization). */
        Map<String, String> headers();
    }

    interface Route {
        /** provider/model entries, tried in order. */
        List<String> targets();

        /**
         * Whether this route may fall from one provider to another (its targets span several). Off by default:
         * falling across providers changes who sees the prompt and who bills it, so it must be asked for.
         */
        @WithName("cross-provider")
        @WithDefault("false")
        boolean crossProvider();
    }

    interface Limits {
        /** Largest request body accepted; larger ones get 413. */
        @WithName("max-body-size")
        @WithDefault("10M")
        MemorySize maxBodySize();
    }

    interface Catalog {
        /** How long a provider's model listing is reused before it is fetched again. */
        @WithDefault("10m")
        Duration ttl();

        /** Reject a provider/model the provider's listing does not contain (404) before calling it. */
        @WithName("validate-models")
        @WithDefault("false")
        boolean validateModels();
    }

    interface Timeouts {
        /** A whole non-streamed upstream call, or a stream until the upstream accepts it. */
        @WithDefault("600s")
        Duration request();

        /** The longest wait for the next event of a stream (and for the first one). */
        @WithDefault("120s")
        Duration idle();
    }

    interface Pricing {
        /** A price file in the bundled snapshot's format, merged over it (its entries win). */
        Optional<String> file();

        /** Prices per {@code provider-id/model} as called, in USD per million tokens; each field optional. */
        Map<String, PriceOverrideConfig> overrides();
    }

    interface PriceOverrideConfig {
        @WithName("input-per-mtok")
        Optional<BigDecimal> inputPerMtok();

        @WithName("output-per-mtok")
        Optional<BigDecimal> outputPerMtok();

        @WithName("cache-read-per-mtok")
        Optional<BigDecimal> cacheReadPerMtok();

        @WithName("cache-write-per-mtok")
        Optional<BigDecimal> cacheWritePerMtok();

        @WithName("cache-write-1h-per-mtok")
        Optional<BigDecimal> cacheWrite1hPerMtok();

        @WithName("reasoning-per-mtok")
        Optional<BigDecimal> reasoningPerMtok();

        @WithName("batch-input-per-mtok")
        Optional<BigDecimal> batchInputPerMtok();

        @WithName("batch-output-per-mtok")
        Optional<BigDecimal> batchOutputPerMtok();
    }

    interface Streaming {
        /**
         * {@code incremental} writes each SSE frame as it arrives (local server, Cloud Functions streaming handler);
         * {@code buffered} collects the whole stream and answers it at once with a Content-Length, for runtimes whose
         * HTTP bridge buffers anyway (Lambda, the Quarkus Cloud Functions bridge) — so clients always get a complete,
         * terminated body.
         */
        @WithDefault("incremental")
        Mode mode();

        enum Mode { INCREMENTAL, BUFFERED }
    }

    interface Dev {
        /**
         * Dev mode only: {@code auto} starts the in-process emulator as provider "emulator" when no provider has
         * credentials; {@code always} starts it in any case; {@code never} does not. The prod profile never starts it.
         */
        @WithDefault("auto")
        EmulatorMode emulator();

        enum EmulatorMode { AUTO, ALWAYS, NEVER }
    }
}
