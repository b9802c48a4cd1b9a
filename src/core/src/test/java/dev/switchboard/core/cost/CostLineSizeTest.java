package dev.switchboard.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.format.CloudLoggingFormat;
import dev.switchboard.core.cost.format.CostLineFormat;
import dev.switchboard.core.cost.format.CostRecordSamples;
import dev.switchboard.core.cost.format.EmfFormat;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import dev.switchboard.core.frontend.RequestLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every cost line stays under 8 KB whatever callers send: CloudWatch and Cloud Logging drop larger events, and the
 * cost with them. Fed the most of every caller-controlled field, as the front doors let it through and far beyond.
 */
class CostLineSizeTest {
    private static final int LIMIT = 8 * 1024;
    private static final List<CostLineFormat> FORMATS = List.of(
            JsonLinesFormat.INSTANCE, EmfFormat.defaults(), new CloudLoggingFormat("a-project-id-of-thirty-chars-x"));

    private static CostRecord record(
            String requestId,
            String route,
            String provider,
            String model,
            List<String> tags,
            String trace,
            String batchJobId) {
        return new CostRecord(
                Instant.parse("2026-12-01T23:59:59.999999999Z"),
                requestId,
                Integer.MAX_VALUE,
                route,
                provider,
                model,
                "client_cancelled",
                true,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                new BigDecimal("123456789.123456789012345678"),
                "litellm-2026-07-24-8442b93+batch1+overrides-abcdef12",
                "known",
                Long.MAX_VALUE,
                Long.MAX_VALUE,
                tags,
                batchJobId,
                trace,
                null,
                null,
                CostRecord.ON_DEMAND,
                null);
    }

    private static void assertEveryLineFits(CostRecord r) {
        for (CostLineFormat f : FORMATS) {
            String line = f.line(r);
            assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                    .as(f.getClass().getSimpleName())
                    .isLessThan(LIMIT);
            assertThat(line).doesNotContain("\n");
        }
    }

    @Test
    void theFrontDoorMaximumFitsWhole() {
        String model = "m".repeat(RequestLimits.MAX_MODEL - 7);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < RequestLimits.MAX_TAGS; i++) tags.add(i + "t".repeat(RequestLimits.MAX_TAG - 2) + "\"");
        tags.add("user:" + "\u00e9".repeat(RequestLimits.MAX_USER));
        CostRecord r = record(
                "r".repeat(RequestLimits.MAX_REQUEST_ID),
                "openai/" + model,
                "openai",
                model,
                tags,
                "4bf92f3577b34da6a3ce929d0e0e4736/" + "9".repeat(20) + ";o=1",
                null);
        assertEveryLineFits(r);
        // within the front door's limits nothing is cut: attribution stays whole
        assertThat(r.tags()).isEqualTo(tags);
        assertThat(r.model()).isEqualTo(model);
    }

    @Test
    void farBeyondEveryLimitStillFitsAndSaysItWasCut() {
        String huge = "\u0001\"\\\u00e9\u4e2d\ud83d\ude00x".repeat(200_000);
        CostRecord r = CostRecordSamples.with(
                record(huge, huge, huge, huge, Collections.nCopies(10_000, huge), huge, huge), huge, huge, huge);
        assertEveryLineFits(r);
        assertThat(r.model()).endsWith(CostLineBounds.CUT_MARK);
        assertThat(r.tenant()).endsWith(CostLineBounds.CUT_MARK);
        assertThat(r.tags()).isNotEmpty().allSatisfy(t -> assertThat(t).endsWith(CostLineBounds.CUT_MARK));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String emoji = "\ud83d\ude00".repeat(1_000);
        CostRecord r = record("id", "route", "p", emoji, List.of(emoji), null, null);
        String kept = r.model().substring(0, r.model().length() - CostLineBounds.CUT_MARK.length());
        assertThat(kept.codePoints()).allMatch(cp -> cp == 0x1F600);
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CostLineBounds.MAX_NAME_BYTES);
    }

    @Test
    void shortValuesAreUntouched() {
        CostRecord r = record("req_1", "default", "openai", "gpt-4o", List.of("a\nb", "user:x"), null, "job-1");
        assertThat(r.requestId()).isEqualTo("req_1");
        assertThat(r.tags()).containsExactly("a\nb", "user:x");
        assertThat(r.batchJobId()).isEqualTo("job-1");
    }
}
