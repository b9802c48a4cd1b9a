package dev.switchboard.core.cost.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cost.CostRecord;
import dev.switchboard.core.cost.CostRecordJson;

/** Local JSONL: exactly the canonical {@link CostRecordJson} object, one per line. */
public record JsonLinesFormat() implements CostLineFormat {
    public static final JsonLinesFormat INSTANCE = new JsonLinesFormat();

    @Override
    public ObjectNode toJson(CostRecord record) {
        return CostRecordJson.toJson(record);
    }
}
