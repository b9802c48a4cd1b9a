package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;
import java.nio.charset.StandardCharsets;

/** Local JSONL: exactly the canonical {@link CostRecordJson} object, one per line. */
public record JsonLinesFormat() implements CostLineFormat {
    public static final JsonLinesFormat INSTANCE = new JsonLinesFormat();

    @Override
    public ObjectNode toJson(CostRecord record) {
        return CostRecordJson.toJson(record);
    }

    /** Streamed, not through the tree: the shipped sink writes one line per upstream attempt. */
    @Override
    public String line(CostRecord record) {
        byte[] bytes = lineBytes(record);
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] lineBytes(CostRecord record) {
        return LineWriter.recordLine(record);
    }
}
