package dev.switchboard.core.cost.sink;

import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostSink;
import java.io.PrintStream;
import java.util.List;

/** Sends each record to several sinks; one that throws despite the contract cannot starve the others. */
public final class CompositeSink implements CostSink {
    private final List<CostSink> sinks;
    private final FailureReporter failures;

    public CompositeSink(List<? extends CostSink> sinks) {
        this(sinks, System.err);
    }

    public CompositeSink(List<? extends CostSink> sinks, PrintStream err) {
        this.sinks = List.copyOf(sinks);
        this.failures = new FailureReporter("composite", err);
    }

    public static CostSink of(CostSink... sinks) {
        return sinks.length == 1 ? sinks[0] : new CompositeSink(List.of(sinks));
    }

    @Override
    public void emit(CostRecord record) {
        for (CostSink sink : sinks) {
            try {
                sink.emit(record);
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }
    }

    public List<CostSink> sinks() {
        return sinks;
    }

    public long failures() {
        return failures.failures();
    }
}
