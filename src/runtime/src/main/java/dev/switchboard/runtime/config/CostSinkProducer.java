package dev.switchboard.runtime.config;

import dev.switchboard.core.cost.CostSink;
import dev.switchboard.core.cost.format.CloudLoggingFormat;
import dev.switchboard.core.cost.format.CostLineFormat;
import dev.switchboard.core.cost.format.EmfFormat;
import dev.switchboard.core.cost.format.JsonLinesFormat;
import dev.switchboard.core.cost.sink.CompositeSink;
import dev.switchboard.core.cost.sink.FileSink;
import dev.switchboard.core.cost.sink.StdoutSink;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The cost sink chosen by {@code switchboard.cost.*}: a line format on stdout, and/or a JSONL file. */
@Singleton
public class CostSinkProducer {
    private static final Logger LOG = Logger.getLogger(CostSinkProducer.class);

    @Produces
    @Singleton
    CostSink costSink(SwitchboardConfig config) {
        var c = config.cost();
        List<CostSink> sinks = new ArrayList<>();
        CostLineFormat format = switch (c.sink()) {
            case JSONL -> JsonLinesFormat.INSTANCE;
            case EMF -> new EmfFormat(c.emfNamespace());
            case CLOUD_LOGGING ->
                c.gcpProject().map(CloudLoggingFormat::new).orElseGet(CloudLoggingFormat::fromEnvironment);
            case NONE -> null;
        };
        if (format != null) sinks.add(new StdoutSink(format));
        c.file().map(Path::of).ifPresent(p -> sinks.add(new FileSink(p)));
        LOG.infof(
                "cost records: %s%s",
                c.sink().name().toLowerCase(java.util.Locale.ROOT) + " on stdout",
                c.file().map(f -> " and JSON lines in " + f).orElse(""));
        return switch (sinks.size()) {
            case 0 -> CostSink.NONE;
            case 1 -> sinks.get(0);
            default -> new CompositeSink(sinks);
        };
    }
}
