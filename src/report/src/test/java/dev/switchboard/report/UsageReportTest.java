package dev.switchboard.report;

import static dev.switchboard.report.ReportRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** End to end through {@link UsageReport#run}: the fixtures hold the same six records in every input shape. */
class UsageReportTest {
    private static final String TOTAL_ROW = "total,,5,6,5,1,3511,1255,100,0,300,0.01875015,1";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "costs.jsonl, 0",
        "cloud-logging.jsonl, 0",
        "cloudwatch-export.log, 3",
        "filter-log-events.json, 1",
        "bigquery-export.json, 1"
    })
    void everyInputShapeGivesTheSameTotals(String file, int malformed) throws Exception {
        Path csv = dir.resolve("out.csv");
        ReportRun run = ReportRun.of(fixture(file), "--csv", csv.toString());
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readAllLines(csv)).last().isEqualTo(TOTAL_ROW);
        String expected = file + ": 6 cost records"
                + (malformed == 0 ? "" : ", " + malformed + " malformed line" + (malformed == 1 ? "" : "s"));
        assertThat(run.out()).contains(expected + "\n");
        assertThat(run.out())
                .contains("Total: 5 requests, 6 attempts (5 ok, 1 error), cost USD 0.01875015, unpriced: 1");
    }

    @Test
    void defaultPrintsAllFourTablesWithTotals() {
        ReportRun run = ReportRun.of(fixture("costs.jsonl"));
        assertThat(run.out()).contains("By provider\n", "By model\n", "By day\n", "By tag\n");
        assertThat(row(run.out(), "openai"))
                .containsExactly("openai", "4", "4", "4", "0", "1,511", "255", "100", "0", "0", "0.00625015", "1");
        assertThat(row(run.out(), "anthropic"))
                .containsExactly("anthropic", "1", "1", "0", "1", "0", "0", "0", "0", "0", "0.00", "0");
        assertThat(row(run.out(), "2025-05-01"))
                .containsExactly("2025-05-01", "2", "3", "2", "1", "1,500", "250", "100", "0", "0", "0.00625", "0");
        assertThat(row(run.out(), "(untagged)"))
                .containsExactly("(untagged)", "1", "1", "1", "0", "2,000", "1,000", "0", "0", "300", "0.0125", "0");
        assertThat(row(run.out(), "TOTAL"))
                .containsExactly("TOTAL", "5", "6", "5", "1", "3,511", "1,255", "100", "0", "300", "0.01875015", "1");
    }

    @Test
    void byKeyAndTenantGroupOnTheGatewayKeyOfEachRecord() {
        ReportRun run = ReportRun.of(fixture("costs.jsonl"), "--by", "key,tenant");
        assertThat(run.out()).contains("By key\n", "By tenant\n").doesNotContain("By provider\n");
        assertThat(row(run.out(), "app1"))
                .containsExactly("app1", "2", "3", "2", "1", "1,500", "250", "100", "0", "0", "0.00625", "0");
        assertThat(row(run.out(), "acme"))
                .containsExactly("acme", "2", "3", "2", "1", "1,500", "250", "100", "0", "0", "0.00625", "0");
        assertThat(run.out()).contains("(no key)");
    }

    @Test
    void anUnpricedAttemptIsCountedAndNeverShownAsZeroDollars() {
        ReportRun run = ReportRun.of(fixture("costs.jsonl"), "--by", "model");
        assertThat(row(run.out(), "my-finetune"))
                .containsExactly("my-finetune", "1", "1", "1", "0", "10", "5", "0", "0", "0", "unknown", "1");
        assertThat(run.out())
                .contains("unpriced: 1")
                .contains("1 attempt with an unknown price: not in the cost above");
    }

    @Test
    void groupingsAreChosenWithByRepeatedOrAsAList() throws Exception {
        Path csv = dir.resolve("out.csv");
        ReportRun run =
                ReportRun.of("--by", "provider,tag", "--by=tag", fixture("costs.jsonl"), "--csv", csv.toString());
        assertThat(run.out()).contains("By provider\n", "By tag\n").doesNotContain("By model", "By day");
        assertThat(Files.readAllLines(csv))
                .containsExactly(
                        String.join(",", CsvReport.HEADER),
                        "provider,gemini,1,1,1,0,2000,1000,0,0,300,0.0125,0",
                        "provider,openai,4,4,4,0,1511,255,100,0,0,0.00625015,1",
                        "provider,anthropic,1,1,0,1,0,0,0,0,0,0,0",
                        "tag,(untagged),1,1,1,0,2000,1000,0,0,300,0.0125,0",
                        "tag,team-a,2,3,2,1,1500,250,100,0,0,0.00625,0",
                        "tag,batch-x,1,2,1,1,500,50,0,0,0,0.00175,0",
                        "tag,team-b,2,2,2,0,11,5,0,0,0,0.00000015,1",
                        TOTAL_ROW);
    }

    @Test
    void csvHasEveryDefaultTable() throws Exception {
        Path csv = dir.resolve("out.csv");
        ReportRun.of(fixture("costs.jsonl"), "--csv", csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0))
                .isEqualTo("group_by,group,requests,attempts,ok,errors,input_tokens,output_tokens,"
                        + "cache_read_tokens,cache_write_tokens,reasoning_tokens,cost_usd,unpriced_attempts");
        assertThat(lines)
                .contains(
                        "model,gpt-4o-mini,1,1,1,0,1,0,0,0,0,0.00000015,0",
                        "day,2025-05-03,2,2,2,0,11,5,0,0,0,0.00000015,1");
        assertThat(lines.stream().map(l -> l.split(",")[0]).distinct())
                .containsExactly("group_by", "provider", "model", "day", "tag", "total");
    }

    @Test
    void datesAreInclusiveUtcDays() throws Exception {
        Path csv = dir.resolve("out.csv");
        ReportRun one = ReportRun.of(
                fixture("costs.jsonl"), "--from", "2025-05-02", "--to", "2025-05-02", "--csv", csv.toString());
        assertThat(one.out()).contains("Period: 2025-05-02 to 2025-05-02 (UTC, inclusive)", "5 outside the filters");
        assertThat(Files.readAllLines(csv)).last().isEqualTo("total,,1,1,1,0,2000,1000,0,0,300,0.0125,0");

        ReportRun lastDay = ReportRun.of(fixture("costs.jsonl"), "--from", "2025-05-03", "--csv", csv.toString());
        // 23:59:59.999 on the 3rd is still the 3rd
        assertThat(Files.readAllLines(csv)).last().isEqualTo("total,,2,2,2,0,11,5,0,0,0,0.00000015,1");
        assertThat(lastDay.status()).isZero();

        ReportRun upTo = ReportRun.of(fixture("costs.jsonl"), "--to", "2025-05-01", "--csv", csv.toString());
        assertThat(Files.readAllLines(csv)).last().isEqualTo("total,,2,3,2,1,1500,250,100,0,0,0.00625,0");
        assertThat(upTo.out()).contains("Period: ... to 2025-05-01");

        ReportRun none = ReportRun.of(fixture("costs.jsonl"), "--from", "2025-06-01", "--csv", csv.toString());
        assertThat(Files.readAllLines(csv)).last().isEqualTo("total,,0,0,0,0,0,0,0,0,0,0,0");
        assertThat(none.status()).isZero();
    }

    @Test
    void sessionCostByRequestIdPrefix() throws Exception {
        Path csv = dir.resolve("out.csv");
        ReportRun run = ReportRun.of(fixture("costs.jsonl"), "--session", "req_sess1", "--csv", csv.toString());
        assertThat(run.out()).contains("Session cost (request_id prefix \"req_sess1\")");
        assertThat(session(run.out(), "requests")).isEqualTo("2");
        assertThat(session(run.out(), "attempts")).isEqualTo("3 (2 ok, 1 error)");
        assertThat(session(run.out(), "input tokens")).isEqualTo("1,500");
        assertThat(session(run.out(), "cost USD")).isEqualTo("0.00625");
        assertThat(session(run.out(), "unpriced")).isEqualTo("0");
        assertThat(run.out()).doesNotContain("By provider"); // a session cost alone prints no tables
        assertThat(Files.readAllLines(csv))
                .containsExactly(String.join(",", CsvReport.HEADER), "total,,2,3,2,1,1500,250,100,0,0,0.00625,0");
    }

    @Test
    void sessionCostByTagAndByBoth() {
        ReportRun byTag = ReportRun.of(fixture("costs.jsonl"), "--tag", "batch-x");
        assertThat(byTag.out()).contains("Session cost (tag \"batch-x\")");
        assertThat(session(byTag.out(), "requests")).isEqualTo("1");
        assertThat(session(byTag.out(), "cost USD")).isEqualTo("0.00175");

        ReportRun unpriced = ReportRun.of(fixture("costs.jsonl"), "--tag", "team-b", "--by", "model");
        assertThat(session(unpriced.out(), "cost USD")).isEqualTo("0.00000015");
        assertThat(session(unpriced.out(), "unpriced")).isEqualTo("1 (not in the cost)");
        assertThat(unpriced.out()).contains("By model\n");

        ReportRun both = ReportRun.of(fixture("costs.jsonl"), "--session", "req_sess1", "--tag", "team-b");
        assertThat(both.out()).contains("Session cost (request_id prefix \"req_sess1\", tag \"team-b\")");
        assertThat(session(both.out(), "requests")).isEqualTo("0");
        assertThat(session(both.out(), "cost USD")).isEqualTo("0.00");
    }

    @Test
    void malformedLinesAreCountedWithTheirFirstPlacesAndNeverFatal() {
        ReportRun run = ReportRun.of(fixture("malformed.jsonl"));
        assertThat(run.status()).isZero();
        assertThat(run.out())
                .contains("malformed.jsonl: 2 cost records, 6 malformed lines\n"
                        + "      line 2: not JSON\n"
                        + "      line 3: not a cost record\n"
                        + "      line 5: invalid cost record: missing or non-text key 'request_id'\n"
                        + "      line 6: invalid cost record: Text 'yesterday' could not be parsed at index 0\n"
                        + "      line 7: not JSON\n"
                        + "      ...\n");
        assertThat(run.out()).contains("Total: 2 requests, 2 attempts (2 ok, 0 errors), cost USD 0.0045, unpriced: 1");
    }

    @Test
    void malformedPlacesAreCountedPerFile() {
        ReportRun run = ReportRun.of(fixture("cloudwatch-export.log"), fixture("filter-log-events.json"));
        assertThat(run.out())
                .contains("cloudwatch-export.log: 6 cost records, 3 malformed lines\n"
                        + "      line 1: not JSON\n"
                        + "      line 8: not a cost record (EMF without record_type switchboard.cost)\n"
                        + "      line 9: not JSON\n");
        assertThat(run.out())
                .contains("filter-log-events.json: 6 cost records, 1 malformed line\n" + "      event 7: not JSON\n");
    }

    @Test
    void aCutShortJsonDocumentIsReportedWhereItBreaks() throws Exception {
        List<String> lines = Files.readAllLines(ReportRun.FIXTURES.resolve("filter-log-events.json"));
        Path cut = dir.resolve("cut.json");
        Files.write(cut, lines.subList(0, 14)); // the first two events and part of the third
        ReportRun run = ReportRun.of(cut.toString());
        assertThat(run.status()).isZero();
        // the document is one JSON value: cut short, none of it can be trusted, and the report says where it broke
        assertThat(run.out())
                .contains("cut.json: 0 cost records, 1 malformed line\n"
                        + "      line 15: not JSON (the rest of the document is skipped)\n");
    }

    @Test
    void theSameAttemptFromSeveralSourcesCountsOnce() throws Exception {
        Path csv = dir.resolve("out.csv");
        ReportRun run = ReportRun.of(
                fixture("costs.jsonl"),
                fixture("cloudwatch-export.log"),
                fixture("filter-log-events.json"),
                fixture("bigquery-export.json"),
                fixture("cloud-logging.jsonl"),
                "--csv",
                csv.toString());
        assertThat(run.out()).contains("Counted 6 attempts; 0 outside the filters, 24 duplicates skipped");
        assertThat(Files.readAllLines(csv)).last().isEqualTo(TOTAL_ROW);
    }

    @Test
    void gzipInputsFromFilesAndStdin() throws Exception {
        byte[] gz = gzip(Files.readAllBytes(ReportRun.FIXTURES.resolve("cloudwatch-export.log")));
        Path file = dir.resolve("export-000001.gz");
        Files.write(file, gz);
        Path csv = dir.resolve("out.csv");
        ReportRun fromFile = ReportRun.of(file.toString(), "--csv", csv.toString());
        assertThat(fromFile.out()).contains("export-000001.gz: 6 cost records, 3 malformed lines");
        assertThat(Files.readAllLines(csv)).last().isEqualTo(TOTAL_ROW);

        Path noSuffix = dir.resolve("s3-object"); // recognised by its bytes, not its name
        Files.write(noSuffix, gz);
        ReportRun.of(noSuffix.toString(), "--csv", csv.toString());
        assertThat(Files.readAllLines(csv)).last().isEqualTo(TOTAL_ROW);

        ReportRun fromStdin = ReportRun.withStdin(
                gzip(Files.readAllBytes(ReportRun.FIXTURES.resolve("bigquery-export.json"))),
                "-",
                "--csv",
                csv.toString());
        assertThat(fromStdin.out()).contains("(stdin): 6 cost records, 1 malformed line");
        assertThat(Files.readAllLines(csv)).last().isEqualTo(TOTAL_ROW);
    }

    @Test
    void anUnreadableInputFailsWithStatusOneButTheRestIsReported() {
        ReportRun run = ReportRun.of(dir.resolve("missing.jsonl").toString(), fixture("costs.jsonl"));
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("missing.jsonl: no such file");
        assertThat(run.out())
                .contains("missing.jsonl: 0 cost records, NOT READ: no such file", "costs.jsonl: 6 cost records");
    }

    @Test
    void helpAndUsageErrors() {
        ReportRun help = ReportRun.of("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out())
                .startsWith("Usage: UsageReport [options] FILE...")
                .contains("--session PREFIX");

        for (String[] bad : List.of(
                new String[] {},
                new String[] {"--bogus", "x"},
                new String[] {"--from", "May 1", "f"},
                new String[] {"--by", "week", "f"},
                new String[] {"--from", "2025-05-02", "--to", "2025-05-01", "f"},
                new String[] {"f", "--csv"},
                new String[] {"--session=", "f"})) {
            ReportRun run = ReportRun.of(bad);
            assertThat(run.status()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(run.err()).contains("Try --help.");
            assertThat(run.out()).isEmpty();
        }
    }

    /** The cells of the first table row starting with {@code key}. */
    @Test
    void byBatchGroupsTheAttemptsOfEachBatchJobAndLiveCallsApart() throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String[][] rows = {
            {"req_1", "batch_a", "ok", "0.002"},
            {"req_2", "batch_a", "overloaded", null},
            {"req_2", "batch_a", "ok", "0.003"},
            {"req_3", "batch_b", "ok", "0.001"},
            {"req_4", null, "ok", "0.004"}
        };
        int attempt = 0;
        for (String[] r : rows) {
            attempt = r[0].equals("req_2") && r[2].equals("ok") ? 2 : 1;
            lines.add(dev.switchboard.core.json.Json.write(
                    dev.switchboard.core.cost.CostRecordJson.toJson(new dev.switchboard.core.cost.CostRecord(
                            java.time.Instant.parse("2026-12-01T10:00:00Z"),
                            r[0],
                            attempt,
                            "main",
                            "openai",
                            "gpt-4o",
                            r[2],
                            false,
                            r[3] == null ? null : 10L,
                            r[3] == null ? null : 2L,
                            null,
                            null,
                            null,
                            r[3] == null ? null : new java.math.BigDecimal(r[3]),
                            "v1",
                            r[3] == null ? "unknown" : "known",
                            100L,
                            null,
                            List.of(),
                            r[1],
                            null,
                            null,
                            null,
                            dev.switchboard.core.cost.CostRecord.ON_DEMAND,
                            null))));
        }
        Path file = dir.resolve("batch-costs.jsonl");
        Files.write(file, lines);
        ReportRun run = ReportRun.of(file.toString(), "--by", "batch");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("By batch\n").doesNotContain("By provider");
        assertThat(row(run.out(), "batch_a")).startsWith("batch_a", "2", "3", "2", "1");
        assertThat(row(run.out(), "batch_a")).contains("0.005");
        assertThat(row(run.out(), "batch_b")).startsWith("batch_b", "1", "1", "1", "0");
        assertThat(row(run.out(), "(not batch)")).startsWith("(not batch)", "1", "1", "1", "0");
    }

    @Test
    void byBillingSeparatesProviderBatchLinesFromOnDemandCalls() throws Exception {
        dev.switchboard.core.cost.CostRecord batchLine = dev.switchboard.core.cost.format.CostRecordSamples.batchLine();
        dev.switchboard.core.cost.CostRecord live = dev.switchboard.core.cost.format.CostRecordSamples.full();
        Path file = dir.resolve("billing-costs.jsonl");
        Files.write(
                file,
                List.of(
                        dev.switchboard.core.json.Json.write(
                                dev.switchboard.core.cost.CostRecordJson.toJson(batchLine)),
                        dev.switchboard.core.json.Json.write(dev.switchboard.core.cost.CostRecordJson.toJson(live))));
        ReportRun run = ReportRun.of(file.toString(), "--by", "billing");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("By billing\n");
        assertThat(row(run.out(), "batch")).startsWith("batch", "1");
        assertThat(row(run.out(), "batch")).contains("0.000195");
        assertThat(row(run.out(), "on_demand")).startsWith("on_demand", "1");
    }

    private static List<String> row(String out, String key) {
        return out.lines()
                .filter(l -> l.startsWith(key + " "))
                .findFirst()
                .map(l -> List.of(l.trim().split("\\s{2,}")))
                .orElseThrow(() -> new AssertionError("no row " + key + " in\n" + out));
    }

    private static String session(String out, String label) {
        return out.lines()
                .filter(l -> l.startsWith("  " + label + "  "))
                .findFirst()
                .map(l -> l.substring(label.length() + 2).strip())
                .orElseThrow(() -> new AssertionError("no " + label + " in\n" + out));
    }

    private static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
