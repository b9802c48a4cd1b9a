package dev.switchboard.core.cost.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.format.CostRecordSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeSinkTest {
    @Test
    void everySinkGetsEveryRecordEvenWhenOneThrows() {
        List<CostRecord> first = new ArrayList<>();
        List<CostRecord> last = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CostSink throwing = r -> {
            throw new IllegalStateException("boom");
        };
        CompositeSink sink = new CompositeSink(
                List.of(first::add, throwing, last::add), new PrintStream(err, true, StandardCharsets.UTF_8));
        sink.emit(CostRecordSamples.full());
        sink.emit(CostRecordSamples.unreported());
        assertThat(first).hasSize(2);
        assertThat(last).hasSize(2);
        assertThat(sink.failures()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void ofOneSinkIsThatSink() {
        CostSink one = r -> {};
        assertThat(CompositeSink.of(one)).isSameAs(one);
        assertThat(CompositeSink.of(one, CostSink.NONE)).isInstanceOf(CompositeSink.class);
    }
}
