package dev.switchboard.emulator;

import java.util.List;

/**
 * How to start an {@link Emulator}.
 *
 * @param httpPort            port of the HTTP server (OpenAI, Azure, Anthropic, Gemini, Bedrock); 0 = random
 * @param grpcPort            port of the Vertex gRPC server; 0 = random, negative = no gRPC server
 * @param listedModels        what listing endpoints show; every {@code emulator*} name is served regardless
 * @param maxRecordedRequests recorded requests kept (oldest dropped first), so long dev-mode runs stay bounded
 */
public record EmulatorOptions(int httpPort, int grpcPort, List<String> listedModels, int maxRecordedRequests) {

    public static final List<String> DEFAULT_MODELS = List.of("emulator-1", "emulator-2");

    public EmulatorOptions {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        if (grpcPort > 65_535) {
            throw new IllegalArgumentException("grpcPort out of range: " + grpcPort);
        }
        listedModels = List.copyOf(listedModels);
        if (listedModels.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("blank model name in " + listedModels);
        }
        if (maxRecordedRequests < 1) {
            throw new IllegalArgumentException("maxRecordedRequests must be positive: " + maxRecordedRequests);
        }
    }

    public static EmulatorOptions defaults() {
        return new EmulatorOptions(0, 0, DEFAULT_MODELS, 10_000);
    }

    public EmulatorOptions withHttpPort(int port) {
        return new EmulatorOptions(port, grpcPort, listedModels, maxRecordedRequests);
    }

    public EmulatorOptions withGrpcPort(int port) {
        return new EmulatorOptions(httpPort, port, listedModels, maxRecordedRequests);
    }

    /** No Vertex gRPC server (faster start when only HTTP protocols are needed). */
    public EmulatorOptions withoutGrpc() {
        return withGrpcPort(-1);
    }

    public EmulatorOptions withListedModels(List<String> models) {
        return new EmulatorOptions(httpPort, grpcPort, models, maxRecordedRequests);
    }

    public EmulatorOptions withMaxRecordedRequests(int max) {
        return new EmulatorOptions(httpPort, grpcPort, listedModels, max);
    }

    public boolean grpcEnabled() {
        return grpcPort >= 0;
    }
}
