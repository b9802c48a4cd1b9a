package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import java.nio.charset.StandardCharsets;

/** How a cost record becomes one log line: local JSONL, CloudWatch EMF or Cloud Logging structured JSON. */
public sealed interface CostLineFormat permits JsonLinesFormat, EmfFormat, CloudLoggingFormat {

    /** The line as a JSON tree, for tests and for callers that embed it. */
    ObjectNode toJson(CostRecord record);

    /** The line without its trailing newline; never contains a newline. */
    default String line(CostRecord record) {
        return LineWriter.write(toJson(record));
    }

    /** {@link #line} in UTF-8 with its newline: what a sink writes. */
    default byte[] lineBytes(CostRecord record) {
        return (line(record) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
