package dev.switchboard.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.e2e.EmulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line runner's contract: files in the output directory and the exit code scripts rely on. */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BatchTestResource.class, restrictToAnnotatedClass = true)
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BatchCommand command;

    @TempDir
    Path dir;

    private Path input(String... lines) throws Exception {
        Path in = dir.resolve("in-" + lines.length + "-" + System.nanoTime() + ".jsonl");
        Files.write(in, List.of(lines));
        return in;
    }

    @Test
    void allLinesAnsweredExitsZeroAndWritesTheOutputFiles() throws Exception {
        Path out = dir.resolve("ok");
        int code = command.run(
                input(
                        BatchWorkflowTest.line("a", "emu-openai/emulator-1", "cli a"),
                        BatchWorkflowTest.line("b", "batch-fallback", "cli b")),
                out);
        assertThat(code).isEqualTo(BatchCommand.OK);
        assertThat(Files.readAllLines(out.resolve("output.jsonl"))).hasSize(2);
        assertThat(out.resolve("errors.jsonl")).doesNotExist();
        assertThat(JSON.readTree(out.resolve("batch.json").toFile())
                        .get("status")
                        .asText())
                .isEqualTo("completed");
    }

    @Test
    void someLinesFailedExitsOne() throws Exception {
        Path out = dir.resolve("some");
        int code = command.run(
                input(
                        BatchWorkflowTest.line("a", "emu-openai/emulator-1", "cli a"),
                        BatchWorkflowTest.line("b", "batch-broken", "cli b")),
                out);
        assertThat(code).isEqualTo(BatchCommand.SOME_FAILED);
        assertThat(Files.readAllLines(out.resolve("errors.jsonl")))
                .singleElement()
                .asString()
                .contains("\"custom_id\":\"b\"");
    }

    @Test
    void anInvalidFileExitsTwoAndCallsNothing() throws Exception {
        Path out = dir.resolve("invalid");
        int code = command.run(input(BatchWorkflowTest.line("a", "emu-openai/emulator-1", "x"), "{nope"), out);
        assertThat(code).isEqualTo(BatchCommand.INVALID_INPUT);
        assertThat(JSON.readTree(out.resolve("batch.json").toFile())
                        .at("/errors/data/0/line")
                        .asInt())
                .isEqualTo(2);
        assertThat(out.resolve("output.jsonl")).doesNotExist();
    }

    @Test
    void noUsableProviderExitsThree() throws Exception {
        Path out = dir.resolve("unavailable");
        int code = command.run(input(BatchWorkflowTest.line("a", "nosuchprovider/model", "x")), out);
        assertThat(code).isEqualTo(BatchCommand.UNAVAILABLE);
    }

    @Test
    void runningTheSameFileAgainResumesItWithoutNewCalls() throws Exception {
        Path in = input(BatchWorkflowTest.line("a", "emu-openai/emulator-1", "cli again"));
        Path out = dir.resolve("again");
        assertThat(command.run(in, out)).isZero();
        long before = Files.readAllLines(EmulatorResource.costFile()).size();
        assertThat(command.run(in, out)).isZero();
        assertThat(Files.readAllLines(EmulatorResource.costFile())).hasSize((int) before);
    }
}
