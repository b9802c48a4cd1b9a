package dev.switchboard.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchOrderTest {

    @Test
    void runsUpDownAndSingleLinesRoundTrip() {
        List<String> ids = List.of("l1", "l2", "l3", "l9", "l7", "l6", "l5", "l20");
        String runs = BatchOrder.encode(ids);
        assertThat(runs).isEqualTo("1-3,9,7-5,20");
        assertThat(BatchOrder.decode(runs)).isEqualTo(ids);
    }

    @Test
    void aLongContiguousJobIsOneShortRun() {
        List<String> ids = java.util.stream.IntStream.rangeClosed(1, 10_000)
                .mapToObj(n -> "l" + n)
                .toList();
        assertThat(BatchOrder.encode(ids)).isEqualTo("1-10000");
        assertThat(BatchOrder.decode("1-10000")).isEqualTo(ids);
    }

    @Test
    void idsThatAreNotLineNumbersHaveNoOrder() {
        assertThat(BatchOrder.encode(List.of("l1", "custom"))).isNull();
        assertThat(BatchOrder.decode(null)).isNull();
        assertThat(BatchOrder.decode("1-x")).isNull();
    }
}
