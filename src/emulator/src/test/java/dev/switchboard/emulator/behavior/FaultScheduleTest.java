package dev.switchboard.emulator.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private final FaultSchedule schedule = new FaultSchedule();

    private boolean faulted(String model) {
        return !schedule.next(ModelSpec.parse(model).orElseThrow()).isNone();
    }

    @Test
    void firstNThenNormal() {
        assertThat(List.of(
                        faulted("emulator-fault-500-first2"),
                        faulted("emulator-fault-500-first2"),
                        faulted("emulator-fault-500-first2")))
                .containsExactly(true, true, false);
    }

    @Test
    void everyNth() {
        List<Boolean> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(faulted("emulator-fault-500-every3"));
        }
        assertThat(seen).containsExactly(false, false, true, false, false, true);
    }

    @Test
    void countersArePerExactNameAndReset() {
        assertThat(faulted("emulator-fault-500-first1")).isTrue();
        assertThat(faulted("emulator-fault-500-first1-x")).isTrue();
        assertThat(faulted("emulator-fault-500-first1")).isFalse();
        schedule.reset();
        assertThat(faulted("emulator-fault-500-first1")).isTrue();
    }

    @Test
    void percentExtremes() {
        for (int i = 0; i < 20; i++) {
            assertThat(faulted("emulator-fault-500-p0")).isFalse();
            assertThat(faulted("emulator-fault-500-p100")).isTrue();
        }
    }

    @Test
    void concurrentCountingIsExact() throws Exception {
        ModelSpec spec = ModelSpec.parse("emulator-fault-500-first50").orElseThrow();
        List<Future<Boolean>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> !schedule.next(spec).isNone()));
            }
        }
        long faults = 0;
        for (Future<Boolean> f : results) {
            faults += f.get() ? 1 : 0;
        }
        assertThat(faults).isEqualTo(50);
        assertThat(schedule.count(spec.name())).isEqualTo(200);
    }
}
