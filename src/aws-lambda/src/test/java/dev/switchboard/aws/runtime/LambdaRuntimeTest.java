package dev.switchboard.aws.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.aws.runtime.RuntimeApiServer.Posted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LambdaRuntime}, the runtime of the java25-aot package, as Lambda drives it: a real process against the runtime
 * API ({@link RuntimeApiServer}), with small handlers standing in for the application's (the whole package is
 * {@code LambdaAotPackageIT}'s).
 */
class LambdaRuntimeTest {
    private static Path handlers;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void eachEventIsHandedToTheHandlerWithItsContextAndTheAnswerPosted() throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer()) {
            Path log = start(api, "handlers.Echo::handleRequest");
            long deadline = System.currentTimeMillis() + 30_000;
            Posted first = api.invokeAndWait(
                    "{\"n\":1}",
                    Map.of(
                            "Lambda-Runtime-Deadline-Ms", Long.toString(deadline),
                            "Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:sb",
                            "Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"),
                    Duration.ofSeconds(60));
            assertThat(first.kind()).isEqualTo("response");
            assertThat(first.body())
                    .startsWith("{\"n\":1}|req-1|arn:aws:lambda:eu-west-1:123456789012:function:sb|")
                    .endsWith("|Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1|sb-fn|512");
            long remaining = Long.parseLong(first.body().split("\\|")[3]);
            assertThat(remaining).isBetween(1L, 30_000L);
            // the next event: its own id, and no trace header left over from the previous one
            Posted second = api.invokeAndWait("{\"n\":2}", Map.of(), Duration.ofSeconds(30));
            assertThat(second.body()).startsWith("{\"n\":2}|req-2|null|").contains("|none|");
            assertThat(Files.readString(log)).contains("lambda runtime: handlers.Echo initialized in");
        }
    }

    @Test
    void aHandlerThatThrowsIsReportedAsLambdasErrorDocumentWithoutAStackTraceAndTheNextEventIsServed()
            throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer()) {
            start(api, "handlers.Failing");
            Posted failed = api.invokeAndWait("boom", Map.of(), Duration.ofSeconds(60));
            assertThat(failed.kind()).isEqualTo("error");
            assertThat(failed.errorType()).isEqualTo("Unhandled");
            assertThat(failed.body())
                    .isEqualTo(
                            "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"bad \\\"input\\\"\\nline 2\"}");
            Posted ok = api.invokeAndWait("fine", Map.of(), Duration.ofSeconds(30));
            assertThat(ok.kind()).isEqualTo("response");
            assertThat(ok.body()).isEqualTo("ok:fine");
        }
    }

    @Test
    void aHandlerThatCannotInitializeIsPostedToInitErrorAndTheProcessEnds() throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer()) {
            start(api, "handlers.BrokenInit");
            Posted init = api.initError().get(60, TimeUnit.SECONDS);
            assertThat(init.errorType()).isEqualTo("Runtime.InitError");
            assertThat(init.body())
                    .isEqualTo(
                            "{\"errorType\":\"java.lang.IllegalArgumentException\",\"errorMessage\":\"switchboard.routes is empty\"}");
            Process p = processes.get(0);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
        }
    }

    @Test
    void theHandlerComesFromLambdasHandlerSettingWithoutItsMethod() {
        assertThat(LambdaRuntime.handlerClass("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"))
                .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler");
        assertThat(LambdaRuntime.handlerClass(" a.B ")).isEqualTo("a.B");
        assertThat(LambdaRuntime.handlerClass(null)).isEqualTo(LambdaRuntime.DEFAULT_HANDLER);
        assertThat(LambdaRuntime.handlerClass("")).isEqualTo(LambdaRuntime.DEFAULT_HANDLER);
    }

    private Path start(RuntimeApiServer api, String handler) throws IOException {
        Path log = Files.createTempFile("lambda-runtime-", ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        handlers() + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                        LambdaRuntime.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        pb.environment().put("_HANDLER", handler);
        pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "sb-fn");
        pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        processes.add(pb.start());
        return log;
    }

    /**
     * The stand-in handlers, compiled here rather than kept as test classes: Quarkus's Lambda extension treats every
     * {@code RequestStreamHandler} in the test index as the application's handler and refuses to build beside the
     * HTTP extension's own.
     */
    private static Path handlers() throws IOException {
        if (handlers != null) return handlers;
        Path src = Files.createTempDirectory("lambda-runtime-handlers-src-");
        Path out = Files.createTempDirectory("lambda-runtime-handlers-");
        String imports = """
                package handlers;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                import java.io.*;
                import java.nio.charset.StandardCharsets;
                """;
        Map<String, String> sources = Map.of(
                "Echo", // answers "event|request id|ARN|remaining ms|trace property|function|memory"
                """
                public class Echo implements RequestStreamHandler {
                    public void handleRequest(InputStream in, OutputStream out, Context c) throws IOException {
                        String trace = System.getProperty("com.amazonaws.xray.traceHeader", "none");
                        out.write((new String(in.readAllBytes(), StandardCharsets.UTF_8) + "|" + c.getAwsRequestId()
                                + "|" + c.getInvokedFunctionArn() + "|" + c.getRemainingTimeInMillis() + "|" + trace
                                + "|" + c.getFunctionName() + "|" + c.getMemoryLimitInMB()).getBytes(StandardCharsets.UTF_8));
                    }
                }
                """,
                "Failing",
                """
                public class Failing implements RequestStreamHandler {
                    public void handleRequest(InputStream in, OutputStream out, Context c) throws IOException {
                        String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        if (event.equals("boom")) throw new IllegalStateException("bad \\"input\\"\\nline 2");
                        out.write(("ok:" + event).getBytes(StandardCharsets.UTF_8));
                    }
                }
                """,
                "BrokenInit", // fails in its static initializer, as QuarkusStreamHandler does when the application
                // cannot start
                """
                public class BrokenInit implements RequestStreamHandler {
                    static {
                        if (Boolean.parseBoolean("true")) throw new IllegalArgumentException("switchboard.routes is empty");
                    }
                    public void handleRequest(InputStream in, OutputStream out, Context c) {}
                }
                """);
        List<String> args =
                new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey() + ".java");
            Files.writeString(file, imports + e.getValue());
            args.add(file.toString());
        }
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("compiling the stand-in handlers").isZero();
        handlers = out;
        return out;
    }
}
