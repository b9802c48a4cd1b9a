package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Compares JSON "in substance": key order, null-versus-absent, and the number representation (1 vs 1.0) do not
 * matter; parameters a recorder sent at their default value can be declared ignorable.
 */
public final class JsonSubstance {
    private JsonSubstance() {}

    /**
     * @param defaults top-level keys whose recorded value is the API default (e.g. "n": 1, "stream": false) and may
     *                 be absent from what the adapter sent
     * @param ignored  top-level keys not compared at all (with the reason documented by the caller)
     */
    public static void assertEquivalent(
            JsonNode recorded, JsonNode sent, Map<String, JsonNode> defaults, Set<String> ignored) {
        JsonNode want = normalize(recorded.deepCopy());
        JsonNode got = normalize(sent.deepCopy());
        if (want instanceof ObjectNode w && got instanceof ObjectNode g) {
            for (String key : ignored) {
                w.remove(key);
                g.remove(key);
            }
            defaults.forEach((key, value) -> {
                JsonNode v = w.get(key);
                if (v != null && normalize(value.deepCopy()).equals(v) && !g.has(key)) w.remove(key);
            });
        }
        assertThat(Json.write(got)).as("request sent upstream").isEqualTo(Json.write(want));
    }

    /** Drops null-valued fields, sorts keys, turns integral decimals into integers. */
    public static JsonNode normalize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode sorted = Json.object();
            java.util.TreeMap<String, JsonNode> fields = new java.util.TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isNull()) fields.put(e.getKey(), normalize(e.getValue()));
            }
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = Json.array();
            a.forEach(n -> out.add(normalize(n)));
            return out;
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? Json.NODES.numberNode(d.toBigIntegerExact()) : Json.NODES.numberNode(d);
        }
        return node;
    }
}
