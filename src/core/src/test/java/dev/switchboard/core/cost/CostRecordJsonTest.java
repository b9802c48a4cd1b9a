package dev.switchboard.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cost record's timestamp is written exactly as Instant.toString writes it, at every precision and date. */
class CostRecordJsonTest {

    @Test
    void timestampIsInstantToString() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("2026-12-02T04:42:28.193441594Z"),
                Instant.parse("2025-05-01T10:00:00.123456Z"),
                Instant.parse("2024-02-29T23:59:59.100Z"),
                Instant.parse("2024-02-29T23:59:59.000100Z"),
                Instant.parse("2024-02-29T23:59:59.000000100Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN,
                Instant.MAX));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            long sec = random.nextLong(-100_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(sec, nano));
        }
        for (Instant t : instants) {
            assertThat(CostRecordJson.timestamp(t)).as(t.toString()).isEqualTo(t.toString());
        }
    }
}
