package dev.switchboard.runtime.config;

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

    /** Retries for direct provider/model requests (routes have their own). */
    Retry retry();

    @WithName("circuit-breaker")
    CircuitBreaker circuitBreaker();

    Dev dev();

    Streaming streaming();

    Pricing pricing();

    Cost cost();

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

        /**
         * openai and azure-openai: the upstream API chat calls use, chat-completions (absent) or responses (for
         * Responses-only models). The Responses API is called stateless, with store: false unless a request sets it.
         */
        Optional<String> api();

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

        /**
         * Native batch options: bucket, prefix (Bedrock S3 / Vertex GCS), role-arn (Bedrock), deployment (Azure),
         * enabled. See README "Native batch".
         */
        Map<String, String> batch();
    }

    interface Route {
        /** provider/model entries; the strategy decides the order they are tried in. */
        List<String> targets();

        /** ordered (fallback in order), weighted, fastest (lowest recent latency) or cheapest. */
        @WithDefault("ordered")
        String strategy();

        /**
         * Whether this route may fall from one provider to another (its targets span several). Off by default:
         * falling across providers changes who sees the prompt and who bills it, so it must be asked for.
         */
        @WithName("cross-provider")
        @WithDefault("false")
        boolean crossProvider();

        /** Capabilities every target must have: tools, vision, json_schema, reasoning. */
        Optional<List<String>> requires();

        /** Weights by target for the weighted strategy (default 1). */
        Map<String, Integer> weights();

        /** Parameters by target that override the caller's (temperature, top_p, max_tokens, reasoning_effort, ...). */
        Map<String, Map<String, String>> params();

        Retry retry();

        RouteTimeouts timeouts();
    }

    /** Retries of retriable errors on one target: exponential backoff with full jitter, honoring Retry-After. */
    interface Retry {
        /** Attempts per target, the first included (1 = no retry). */
        @WithName("max-attempts")
        @WithDefault("2")
        int maxAttempts();

        @WithName("base-delay")
        @WithDefault("250ms")
        Duration baseDelay();

        @WithName("max-delay")
        @WithDefault("2s")
        Duration maxDelay();

        /** A Retry-After longer than this moves on to the next target instead of waiting. */
        @WithName("retry-after-cap")
        @WithDefault("10s")
        Duration retryAfterCap();
    }

    interface RouteTimeouts {
        /** One upstream attempt (default: switchboard.timeouts.request). */
        Optional<Duration> attempt();

        /** Streams: the wait for the first event of an attempt (default: switchboard.timeouts.idle). */
        @WithName("first-token")
        Optional<Duration> firstToken();

        /** The whole request, retries and fallbacks included (default: none). */
        Optional<Duration> deadline();
    }

    /** One breaker per target (provider+model), per process. */
    interface CircuitBreaker {
        @WithDefault("true")
        boolean enabled();

        @WithName("consecutive-failures")
        @WithDefault("5")
        int consecutiveFailures();

        @WithName("failure-rate")
        @WithDefault("0.5")
        double failureRate();

        /** The number of recent calls the failure rate is computed over. */
        @WithDefault("20")
        int window();

        @WithName("min-calls")
        @WithDefault("10")
        int minCalls();

        @WithDefault("30s")
        Duration cooldown();

        @WithName("max-cooldown")
        @WithDefault("5m")
        Duration maxCooldown();
    }

    interface Limits {
        /** Largest request body accepted; larger ones get 413. */
        @WithName("max-body-size")
        @WithDefault("10M")
        MemorySize maxBodySize();

        /**
         * Request bodies held at once (announced or, unannounced, counted as max-body-size); past it new requests
         * get 503 with Retry-After. Default: a fortieth of the heap, at least max-body-size.
         */
        @WithName("max-in-flight-body-bytes")
        Optional<MemorySize> maxInFlightBodyBytes();

        /** Requests handled at once; past it new requests get 503 with Retry-After. */
        @WithName("max-in-flight-requests")
        @WithDefault("256")
        int maxInFlightRequests();

        /** gs:// image URL prefixes callers may send (e.g. gs://my-bucket/); every other gs:// URL is a 400. */
        @WithName("gcs-image-prefixes")
        Optional<List<String>> gcsImagePrefixes();

        /**
         * Deadline of every request, routes included, retries and fallbacks included: set a few seconds under a
         * function's timeout so the gateway answers its own 504 and records the attempt before the platform kills it.
         */
        @WithName("request-deadline")
        Optional<Duration> requestDeadline();
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

        /** Direct provider/model requests: the whole request, retries included (default: none). */
        Optional<Duration> deadline();
    }

    /** Where the cost record of every upstream attempt goes. */
    interface Cost {
        /**
         * The line format written to stdout: {@code jsonl} (local), {@code emf} (CloudWatch Embedded Metric Format,
         * AWS), {@code cloud-logging} (structured JSON, GCP) or {@code none}.
         */
        @WithDefault("jsonl")
        Sink sink();

        /** Also append every record as a JSON line to this file (created if missing). */
        Optional<String> file();

        /** CloudWatch namespace of the EMF metrics. */
        @WithName("emf-namespace")
        @WithDefault("Switchboard")
        String emfNamespace();

        /** GCP project for trace links in Cloud Logging lines (default: GOOGLE_CLOUD_PROJECT). */
        @WithName("gcp-project")
        Optional<String> gcpProject();

        enum Sink {
            JSONL,
            EMF,
            CLOUD_LOGGING,
            NONE
        }
    }

    interface Pricing {
        /** A price file in the bundled snapshot's format, merged over it (its entries win). */
        Optional<String> file();

        /** Prices per {@code provider-id/model} as called, in USD per million tokens; each field optional. */
        Map<String, PriceOverrideConfig> overrides();

        /**
         * Per configured provider id, the fraction of the on-demand input/output price its batch API charges (0.5:
         * half price). Replaces the price table's batch rates (LiteLLM's or the derived rule's) for that provider.
         */
        @WithName("batch-discount")
        Map<String, BigDecimal> batchDiscount();
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

        enum Mode {
            INCREMENTAL,
            BUFFERED
        }
    }

    interface Dev {
        /**
         * Dev mode only: {@code auto} starts the in-process emulator as provider "emulator" when no provider has
         * credentials; {@code always} starts it in any case; {@code never} does not. The prod profile never starts it.
         */
        @WithDefault("auto")
        EmulatorMode emulator();

        enum EmulatorMode {
            AUTO,
            ALWAYS,
            NEVER
        }
    }
}
