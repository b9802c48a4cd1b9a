package dev.switchboard.core.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.model.ChatRequest;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/** Runs a provider's list of {@link ParamRule}s: the plain renames and clamps of a request mapping, kept as data. */
public final class ParamMapping {
    private final List<ParamRule> rules;

    private ParamMapping(List<ParamRule> rules) {
        this.rules = rules;
    }

    public static ParamMapping of(ParamRule... rules) {
        return new ParamMapping(List.of(rules));
    }

    /** Writes every rule whose value is present into {@code body}, creating intermediate objects. */
    public void apply(ChatRequest request, ObjectNode body) {
        for (ParamRule rule : rules) {
            Object value = rule.valueFor(request);
            if (value == null) continue;
            String[] path = rule.target().split("\\.");
            ObjectNode parent = body;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], toNode(value));
        }
    }

    static JsonNode toNode(Object value) {
        return switch (value) {
            case JsonNode n -> n;
            case String s -> Json.NODES.textNode(s);
            case Boolean b -> Json.NODES.booleanNode(b);
            case Integer i -> Json.NODES.numberNode(i);
            case Long l -> Json.NODES.numberNode(l);
            case Double d -> Json.NODES.numberNode(BigDecimal.valueOf(d));
            case BigDecimal d -> Json.NODES.numberNode(d);
            case Collection<?> c -> {
                var array = Json.array();
                c.forEach(item -> array.add(toNode(item)));
                yield array;
            }
            default ->
                throw new IllegalArgumentException(
                        "cannot write " + value.getClass().getSimpleName());
        };
    }
}
