package dev.switchboard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.aws.priming.Priming;
import dev.switchboard.core.gateway.Gateway;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of SnapStart priming without Lambda (the snapshot itself, and how much faster a restored
 * instance answers, only exist in AWS): it drives chat and stream in both dialects through every provider mapping
 * the package carries, with made-up credentials only, and leaves nothing behind — no cost record, the
 * application's circuits and latency statistics untouched, its loopback upstream closed.
 */
@QuarkusTest
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class SnapStartPrimingTest {

    @Inject
    SnapStartPriming priming;

    @Inject
    Gateway gateway;

    @Test
    void primesEveryMappingAndLeavesNoTrace() throws IOException {
        int stdoutLines = StdoutCapture.jsonLines().size();
        long costFileLines =
                Files.readAllLines(LambdaEmulatorResource.costFile()).size();
        String healthBefore = gateway.targetHealth().toString();

        Priming.Report report = priming.prime();

        assertThat(report.failures()).isEmpty();
        assertThat(report.primedTypes())
                .contains("openai", "azure-openai", "openai-compatible", "anthropic", "gemini", "bedrock");
        // 3 rounds x (chat, stream) x (OpenAI dialect, Anthropic dialect) per provider type
        assertThat(report.answered()).isEqualTo(report.primedTypes().size() * 3 * 2 * 2);
        // only priming's own made-up credentials travelled (not the test's AWS system-property keys, not a real key)
        assertThat(report.credentialsSeen())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains("priming"));

        assertThat(StdoutCapture.jsonLines()).hasSize(stdoutLines);
        assertThat(Files.readAllLines(LambdaEmulatorResource.costFile())).hasSize((int) costFileLines);
        assertThat(gateway.targetHealth().toString()).isEqualTo(healthBefore);
        assertThatThrownBy(() -> new Socket(
                                report.upstream().getHost(), report.upstream().getPort())
                        .close())
                .as("the priming upstream is closed")
                .isInstanceOf(IOException.class);
    }
}
