package dev.switchboard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.format.CostRecordSamples;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as README shows it ({@code java -jar src/report/target/switchboard-report.jar ...}): its manifest
 * names the main class and finds core and Jackson in {@code lib/}.
 */
class UsageReportJarIT {
    @TempDir
    Path dir;

    @Test
    void theJarRunsTheReportOnAJsonlFile() throws Exception {
        Path costs = dir.resolve("costs.jsonl");
        Files.writeString(
                costs,
                JsonLinesFormat.INSTANCE.line(CostRecordSamples.full()) + "\n"
                        + JsonLinesFormat.INSTANCE.line(CostRecordSamples.unreported()) + "\n",
                StandardCharsets.UTF_8);
        Path csv = dir.resolve("totals.csv");

        Result r = run("--by", "provider", "--csv", csv.toString(), costs.toString());

        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out)
                .contains(costs + ": 2 cost records", "Total: 2 requests, 2 attempts (1 ok, 1 error)", "By provider");
        assertThat(Files.readAllLines(csv)).last().asString().startsWith("total,");
    }

    @Test
    void aBadOptionExitsWithTheUsageStatus() throws Exception {
        Result r = run("--no-such-option");
        assertThat(r.status).isEqualTo(UsageReport.USAGE);
        assertThat(r.err).contains("usage-report:", "Try --help.");
    }

    private record Result(int status, String out, String err) {}

    private Result run(String... args) throws Exception {
        String jar = System.getProperty("report.jar", "target/switchboard-report.jar");
        assertThat(Path.of(jar)).as("run `package` first").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the report did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
