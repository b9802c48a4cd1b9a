package dev.switchboard.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.emulator.anthropic.AnthropicBatchRoutes;
import dev.switchboard.emulator.anthropic.AnthropicRoutes;
import dev.switchboard.emulator.bedrock.BedrockBatchJobs;
import dev.switchboard.emulator.bedrock.BedrockRoutes;
import dev.switchboard.emulator.behavior.Behavior;
import dev.switchboard.emulator.behavior.RecordedRequest;
import dev.switchboard.emulator.gcs.GcsServer;
import dev.switchboard.emulator.gemini.GeminiBatchRoutes;
import dev.switchboard.emulator.gemini.GeminiRoutes;
import dev.switchboard.emulator.http.AdminRoutes;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.http.Route;
import dev.switchboard.emulator.http.Router;
import dev.switchboard.emulator.nativebatch.EmulatedBatches;
import dev.switchboard.emulator.openai.OpenAiRoutes;
import dev.switchboard.emulator.vertex.VertexServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wire-level emulators of the OpenAI (and Azure OpenAI), Anthropic, Gemini and Bedrock HTTP APIs on one
 * HTTP server, and of Vertex AI on a gRPC server, both on 127.0.0.1. Answers are deterministic; faults are
 * chosen by model name (see the package documentation).
 *
 * <pre>{@code
 * try (Emulator emu = Emulator.start(EmulatorOptions.defaults())) {
 *     URI base = emu.httpBaseUri();      // http://127.0.0.1:PORT
 *     String target = emu.grpcTarget();  // 127.0.0.1:PORT
 *     ...
 *     emu.requests("emulator-1");       // what the client sent
 * }
 * }</pre>
 */
public final class Emulator implements AutoCloseable {

    /** Enough for hundreds of clients connecting at once without SYN drops. */
    private static final int BACKLOG = 1024;

    static {
        // Stream chunks are small writes each followed by a flush; with Nagle's algorithm on they are held
        // back and coalesced, which blurs slow/gap timing. The JDK server reads this property once, when
        // its first instance is created, so it is set here unless the host application decided otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Behavior behavior;
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final VertexServer grpc;
    private GcsServer gcs;
    private BedrockBatchJobs bedrockBatch;
    private final NativeBatches nativeBatches;

    private Emulator(
            Behavior behavior,
            HttpServer http,
            ExecutorService httpExecutor,
            VertexServer grpc,
            NativeBatches nativeBatches) {
        this.behavior = behavior;
        this.nativeBatches = nativeBatches;
        this.http = http;
        this.httpExecutor = httpExecutor;
        this.grpc = grpc;
    }

    public static Emulator start(EmulatorOptions options) {
        Behavior behavior = new Behavior(options.listedModels(), options.maxRecordedRequests());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer http = null;
        NativeBatches nativeBatches = new NativeBatches(new EmulatedBatches("msgbatch_"), new EmulatedBatches(""));
        try {
            http = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.httpPort()), BACKLOG);
            BedrockBatchJobs bedrockBatch = new BedrockBatchJobs(behavior);
            http.createContext("/", new Router(routes(behavior, bedrockBatch, nativeBatches)));
            http.setExecutor(executor);
            http.start();
            // Vertex batch prediction jobs read and write Cloud Storage: a small GCS server goes with the gRPC one
            GcsServer gcs = options.grpcEnabled() ? GcsServer.start() : null;
            VertexServer grpc = gcs == null ? null : VertexServer.start(behavior, options.grpcPort(), gcs);
            Emulator emulator = new Emulator(behavior, http, executor, grpc, nativeBatches);
            emulator.bedrockBatch = bedrockBatch;
            emulator.gcs = gcs;
            return emulator;
        } catch (IOException e) {
            if (http != null) {
                http.stop(0);
            }
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Switchboard emulator", e);
        }
    }

    private static List<Route> routes(Behavior behavior, BedrockBatchJobs bedrockBatch, NativeBatches nativeBatches) {
        Generation generation = new Generation(behavior);
        List<Route> routes = new ArrayList<>(AdminRoutes.routes(behavior));
        routes.addAll(OpenAiRoutes.routes(generation));
        routes.addAll(AnthropicRoutes.routes(generation));
        routes.addAll(AnthropicBatchRoutes.routes(generation, nativeBatches.anthropic()));
        routes.addAll(GeminiBatchRoutes.routes(generation, nativeBatches.gemini()));
        routes.addAll(GeminiRoutes.routes(generation));
        routes.addAll(BedrockRoutes.routes(generation, bedrockBatch));
        return routes;
    }

    public URI httpBaseUri() {
        return URI.create("http://127.0.0.1:" + httpPort());
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** {@code host:port} for a plaintext gRPC channel. */
    public String grpcTarget() {
        return "127.0.0.1:" + grpcPort();
    }

    /** The Cloud Storage server of Vertex batch prediction jobs (started with the gRPC server). */
    public GcsServer gcs() {
        if (gcs == null) {
            throw new IllegalStateException("the emulator was started without gRPC");
        }
        return gcs;
    }

    /** Vertex batch prediction jobs and their controls (finish, expire, count). */
    public dev.switchboard.emulator.vertex.VertexBatchJobs vertexBatch() {
        return grpc.batchJobs();
    }

    /** Bedrock batch inference jobs: their file storage and the controls that end them. */
    public BedrockBatchJobs bedrockBatch() {
        return bedrockBatch;
    }

    public int grpcPort() {
        if (grpc == null) {
            throw new IllegalStateException("the emulator was started without gRPC");
        }
        return grpc.port();
    }

    /** The batch jobs of each provider's batch API, and their controls (finish, expire, count). */
    public NativeBatches nativeBatches() {
        return nativeBatches;
    }

    /** The emulated batch APIs, one store each. */
    public record NativeBatches(EmulatedBatches anthropic, EmulatedBatches gemini) {}

    /** Every recorded request, oldest first. */
    public List<RecordedRequest> requests() {
        return behavior.log().all();
    }

    /** Recorded requests for one model name (as decoded by the protocol front end). */
    public List<RecordedRequest> requests(String model) {
        return behavior.log().forModel(model);
    }

    /** Requests seen so far for an exact model name since the last reset (the first/every counter). */
    public int requestCount(String model) {
        return behavior.schedule().count(model);
    }

    /** Clears recordings and the per-model counters behind {@code first<n>} / {@code every<n>}. */
    public void reset() {
        behavior.reset();
    }

    @Override
    public void close() {
        if (grpc != null) {
            grpc.close();
        }
        if (gcs != null) {
            gcs.close();
        }
        http.stop(0);
        // interrupts handlers still sleeping in a delay/slow/gap fault
        httpExecutor.shutdownNow();
    }
}
