package dev.switchboard.server.e2e;

import static dev.switchboard.server.e2e.E2e.GREETING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm package (pinned in {@code src/test/node/package-lock.json}) against the gateway:
 * {@code npm ci} when its node_modules is missing or older than the lock file, then {@code node chat.mjs}. Node and
 * npm are required: if either is missing or fails, this test fails; it never skips.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class OpenAiNodeSdkTest {
    private static final Path PROJECT = Path.of("src", "test", "node").toAbsolutePath();
    private static final List<String> PROVIDERS = List.of("emu-anthropic", "emu-bedrock");

    @TestHTTPResource("/v1")
    URL base;

    @Test
    void theNpmClientChatsStreamsAndCallsToolsThroughAnthropicAndBedrock() throws Exception {
        installWhenNeeded();
        List<String> command = new ArrayList<>(List.of("node", "chat.mjs", base.toString()));
        command.addAll(PROVIDERS);
        List<JsonNode> cases =
                run(command, Duration.ofSeconds(60)).stream().map(E2e::parse).toList();

        assertThat(cases)
                .extracting(
                        c -> c.get("provider").asText() + ":" + c.get("case").asText())
                .containsExactly(
                        "emu-anthropic:chat",
                        "emu-anthropic:stream",
                        "emu-anthropic:tools",
                        "emu-bedrock:chat",
                        "emu-bedrock:stream",
                        "emu-bedrock:tools");
        for (JsonNode c : cases) {
            String provider = c.get("provider").asText();
            switch (c.get("case").asText()) {
                case "chat" -> {
                    assertThat(c.get("model").asText()).isEqualTo(provider + "/emulator-1");
                    assertThat(c.get("target").asText()).isEqualTo(provider + "/emulator-1");
                    assertThat(c.get("text").asText()).isEqualTo(GREETING + "hello from node");
                    assertThat(c.get("finish").asText()).isEqualTo("stop");
                    assertUsage(c.get("usage"), "hello from node", GREETING + "hello from node");
                }
                case "stream" -> {
                    assertThat(c.get("text").asText()).isEqualTo(GREETING + "stream from node");
                    assertThat(c.get("finish").asText()).isEqualTo("stop");
                    assertThat(c.get("chunks").asInt()).isGreaterThan((int) E2e.words(GREETING + "stream from node"));
                    assertUsage(c.get("usage"), "stream from node", GREETING + "stream from node");
                }
                case "tools" -> {
                    assertThat(c.get("finish").asText()).isEqualTo("tool_calls");
                    assertThat(c.get("name").asText()).isEqualTo("get_weather");
                    assertThat(c.get("arguments")).isEqualTo(E2e.parse("{\"city\":\"emulated\",\"unit\":\"celsius\"}"));
                    assertThat(c.get("answer").asText()).isEqualTo(E2e.TOOL_RESULT + "18 degrees and sunny");
                }
                default -> throw new AssertionError("unexpected case " + c);
            }
        }
    }

    private static void assertUsage(JsonNode usage, String prompt, String answer) {
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(E2e.promptTokens(prompt));
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(E2e.words(answer));
        assertThat(usage.get("total_tokens").asLong())
                .isEqualTo(usage.get("prompt_tokens").asLong()
                        + usage.get("completion_tokens").asLong());
    }

    /** {@code npm ci} unless node_modules was installed from the current lock file. */
    static void installWhenNeeded() throws IOException, InterruptedException {
        Path installed = PROJECT.resolve("node_modules/.package-lock.json");
        Path lock = PROJECT.resolve("package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(3));
    }

    /** Runs a command in the node project; its stdout lines, or an AssertionError with everything it printed. */
    static List<String> run(List<String> command, Duration limit) throws IOException, InterruptedException {
        File out = File.createTempFile("node-e2e-", ".out");
        File err = File.createTempFile("node-e2e-", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(PROJECT.toFile())
                    .redirectOutput(out)
                    .redirectError(err)
                    .start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(
                        String.join(" ", command) + " did not finish in " + limit + "\n" + output(out, err));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " exited with " + p.exitValue() + "\n" + output(out, err));
            }
            return Files.readAllLines(out.toPath()).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    private static String output(File out, File err) throws IOException {
        return "stdout:\n" + Files.readString(out.toPath()) + "\nstderr:\n" + Files.readString(err.toPath());
    }
}
