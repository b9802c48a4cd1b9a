package dev.switchboard.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs terraform/test/check.mjs, which parses every .tf file with HashiCorp's HCL parser and checks
 * the modules' invariants (declared variables, explicit IAM actions, required outputs, no public
 * members, SnapStart and IAM-authenticated Function URL). Needs node and npm on the PATH; the
 * parser comes from the npm registry through {@code npm ci} on first run.
 */
class TerraformCheckTest {

    private static final long NPM_CI_TIMEOUT_MINUTES = 5;
    private static final long CHECK_TIMEOUT_MINUTES = 2;

    @Test
    void everyTerraformFileParsesAndPassesTheChecks() throws Exception {
        Path checkDir = repositoryRoot().resolve("terraform").resolve("test");
        assertTrue(Files.isRegularFile(checkDir.resolve("check.mjs")), "missing " + checkDir.resolve("check.mjs"));

        if (!Files.isDirectory(
                checkDir.resolve("node_modules").resolve("@cdktf").resolve("hcl2json"))) {
            Result npm = run(checkDir, NPM_CI_TIMEOUT_MINUTES, npmCommand(), "ci", "--no-audit", "--no-fund");
            assertEquals(0, npm.exitCode(), () -> "npm ci failed in " + checkDir + ":\n" + npm.output());
        }

        Result check = run(checkDir, CHECK_TIMEOUT_MINUTES, "node", "check.mjs");
        System.out.println(check.output());
        assertEquals(0, check.exitCode(), () -> "terraform checks failed:\n" + check.output());
    }

    /** The directory holding mvnw, found by walking up from the working directory. */
    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return fail("no mvnw found in " + start + " or any parent directory");
    }

    private static String npmCommand() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path dir, long timeoutMinutes, String... command)
            throws IOException, InterruptedException {
        // Output goes to a file rather than a pipe so a chatty process cannot block on a full buffer
        // while we wait with a timeout.
        Path log = Files.createTempFile("terraform-check", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(command));
            Process process;
            try {
                process = new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                return fail("could not start " + String.join(" ", cmd) + " (is Node.js installed and on the PATH?)", e);
            }
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return fail(String.join(" ", cmd) + " did not finish within " + timeoutMinutes + " min:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
