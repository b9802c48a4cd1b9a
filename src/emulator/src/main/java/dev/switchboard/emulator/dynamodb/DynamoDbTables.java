package dev.switchboard.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.emulator.dynamodb.Expression.Placeholders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables and the operations on them, one request at a time (every operation holds the lock, so each is atomic
 * and TransactWriteItems is all-or-nothing). Requests and answers are the JSON 1.0 bodies.
 */
final class DynamoDbTables {

    /** An error answer: the exception's short name (the {@code __type} suffix) and message. */
    static class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;
        final transient ObjectNode extra;

        Failure(String type, String message, ObjectNode extra) {
            super(message);
            this.type = type;
            this.extra = extra;
        }

        Failure(String type, String message) {
            this(type, message, null);
        }
    }

    private record Table(String name, String hashKey, String rangeKey, TreeMap<String, Map<String, JsonNode>> items) {

        String keyOf(JsonNode key) {
            JsonNode h = key.get(hashKey);
            if (h == null || (rangeKey != null && key.get(rangeKey) == null)) {
                throw new Failure("ValidationException", "The provided key element does not match the schema");
            }
            // "\u0000" sorts before every other character, so a partition's items are contiguous and ordered by sort
            // key
            return scalar(h) + "\u0000" + (rangeKey == null ? "" : scalar(key.get(rangeKey)));
        }

        private static String scalar(JsonNode v) {
            return v.has("S") ? v.get("S").asText() : v.has("N") ? v.get("N").asText() : v.toString();
        }
    }

    private final ObjectMapper json;
    private final Map<String, Table> tables = new HashMap<>();

    DynamoDbTables(ObjectMapper json) {
        this.json = json;
    }

    synchronized ObjectNode handle(String operation, JsonNode req) {
        return switch (operation) {
            case "CreateTable" -> createTable(req);
            case "GetItem" -> getItem(req);
            case "PutItem" -> putItem(req);
            case "UpdateItem" -> updateItem(req);
            case "DeleteItem" -> deleteItem(req);
            case "Query" -> query(req);
            case "TransactWriteItems" -> transactWrite(req);
            default -> throw new Failure("UnknownOperationException", "operation not emulated: " + operation);
        };
    }

    private ObjectNode createTable(JsonNode req) {
        String name = req.path("TableName").asText();
        if (tables.containsKey(name)) {
            throw new Failure("ResourceInUseException", "Table already exists: " + name);
        }
        String hash = null;
        String range = null;
        for (JsonNode k : req.path("KeySchema")) {
            if (k.path("KeyType").asText().equals("HASH")) {
                hash = k.path("AttributeName").asText();
            } else {
                range = k.path("AttributeName").asText();
            }
        }
        if (hash == null) {
            throw new Failure("ValidationException", "KeySchema needs a HASH key");
        }
        tables.put(name, new Table(name, hash, range, new TreeMap<>()));
        ObjectNode out = json.createObjectNode();
        ObjectNode d = out.putObject("TableDescription");
        d.put("TableName", name).put("TableStatus", "ACTIVE");
        d.set("KeySchema", req.path("KeySchema"));
        return out;
    }

    private Table table(JsonNode req) {
        Table t = tables.get(req.path("TableName").asText());
        if (t == null) {
            throw new Failure("ResourceNotFoundException", "Requested resource not found");
        }
        return t;
    }

    private ObjectNode getItem(JsonNode req) {
        Table t = table(req);
        Map<String, JsonNode> item = t.items.get(t.keyOf(req.path("Key")));
        ObjectNode out = json.createObjectNode();
        if (item != null) {
            out.set("Item", toJson(item));
        }
        return out;
    }

    private ObjectNode putItem(JsonNode req) {
        Table t = table(req);
        Map<String, JsonNode> item = fromJson(req.path("Item"));
        String key = t.keyOf(req.path("Item"));
        Map<String, JsonNode> old = t.items.get(key);
        check(req, old);
        t.items.put(key, item);
        return withOld(req, old);
    }

    private ObjectNode updateItem(JsonNode req) {
        Table t = table(req);
        String key = t.keyOf(req.path("Key"));
        Map<String, JsonNode> old = t.items.get(key);
        check(req, old);
        Map<String, JsonNode> item = applyUpdate(req, old);
        t.items.put(key, item);
        ObjectNode out = json.createObjectNode();
        switch (req.path("ReturnValues").asText("NONE")) {
            case "ALL_NEW" -> out.set("Attributes", toJson(item));
            case "ALL_OLD" -> {
                if (old != null) {
                    out.set("Attributes", toJson(old));
                }
            }
            case "NONE" -> {}
            default ->
                throw new Failure(
                        "ValidationException",
                        "ReturnValues not emulated: " + req.path("ReturnValues").asText());
        }
        return out;
    }

    private Map<String, JsonNode> applyUpdate(JsonNode req, Map<String, JsonNode> old) {
        Map<String, JsonNode> item = new LinkedHashMap<>();
        if (old != null) {
            item.putAll(old);
        } else {
            req.path("Key").fields().forEachRemaining(e -> item.put(e.getKey(), e.getValue()));
        }
        if (req.hasNonNull("UpdateExpression")) {
            Expression.update(req.get("UpdateExpression").asText(), item, placeholders(req));
        }
        return item;
    }

    private ObjectNode deleteItem(JsonNode req) {
        Table t = table(req);
        String key = t.keyOf(req.path("Key"));
        Map<String, JsonNode> old = t.items.get(key);
        check(req, old);
        t.items.remove(key);
        return withOld(req, old);
    }

    private ObjectNode withOld(JsonNode req, Map<String, JsonNode> old) {
        ObjectNode out = json.createObjectNode();
        if (req.path("ReturnValues").asText("NONE").equals("ALL_OLD") && old != null) {
            out.set("Attributes", toJson(old));
        }
        return out;
    }

    /** Query: the key condition and an optional filter are both evaluated over the table's items, in key order. */
    private ObjectNode query(JsonNode req) {
        Table t = table(req);
        if (req.hasNonNull("IndexName")) {
            throw new Failure("ValidationException", "indexes are not emulated");
        }
        Placeholders p = placeholders(req);
        String keyCondition = req.path("KeyConditionExpression").asText();
        if (keyCondition.isEmpty()) {
            throw new Failure("ValidationException", "KeyConditionExpression is required");
        }
        List<Map<String, JsonNode>> matches = new ArrayList<>();
        for (Map<String, JsonNode> item : t.items.values()) {
            if (Expression.test(keyCondition, item, p)
                    && (!req.hasNonNull("FilterExpression")
                            || Expression.test(req.get("FilterExpression").asText(), item, p))) {
                matches.add(item);
            }
        }
        if (!req.path("ScanIndexForward").asBoolean(true)) {
            matches.sort(Comparator.comparing((Map<String, JsonNode> m) -> t.keyOf(toJson(m)))
                    .reversed());
        }
        if (req.hasNonNull("ExclusiveStartKey")) {
            String after = t.keyOf(req.get("ExclusiveStartKey"));
            boolean forward = req.path("ScanIndexForward").asBoolean(true);
            matches.removeIf(m -> forward
                    ? t.keyOf(toJson(m)).compareTo(after) <= 0
                    : t.keyOf(toJson(m)).compareTo(after) >= 0);
        }
        int limit = req.path("Limit").asInt(Integer.MAX_VALUE);
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("Items");
        for (int i = 0; i < Math.min(limit, matches.size()); i++) {
            items.add(toJson(matches.get(i)));
        }
        out.put("Count", items.size()).put("ScannedCount", items.size());
        if (matches.size() > limit) {
            ObjectNode last = out.putObject("LastEvaluatedKey");
            Map<String, JsonNode> m = matches.get(limit - 1);
            last.set(t.hashKey, m.get(t.hashKey));
            if (t.rangeKey != null) {
                last.set(t.rangeKey, m.get(t.rangeKey));
            }
        }
        return out;
    }

    /** All-or-nothing: every condition is checked before anything is written. */
    private ObjectNode transactWrite(JsonNode req) {
        JsonNode actions = req.path("TransactItems");
        if (actions.isEmpty() || actions.size() > 100) {
            throw new Failure("ValidationException", "TransactItems must have 1 to 100 items");
        }
        List<Runnable> writes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        java.util.Set<String> touched = new java.util.HashSet<>();
        boolean failed = false;
        for (JsonNode action : actions) {
            Iterator<Map.Entry<String, JsonNode>> kinds = action.fields();
            Map.Entry<String, JsonNode> kind = kinds.next();
            JsonNode op = kind.getValue();
            Table t = table(op);
            JsonNode keyNode = kind.getKey().equals("Put") ? op.path("Item") : op.path("Key");
            String key = t.keyOf(keyNode);
            if (!touched.add(t.name + "/" + key)) {
                throw new Failure(
                        "ValidationException", "Transaction request cannot include multiple operations on one item");
            }
            Map<String, JsonNode> old = t.items.get(key);
            boolean ok = !op.hasNonNull("ConditionExpression")
                    || Expression.test(op.get("ConditionExpression").asText(), old, placeholders(op));
            reasons.add(ok ? "None" : "ConditionalCheckFailed");
            failed |= !ok;
            switch (kind.getKey()) {
                case "Update" -> writes.add(() -> t.items.put(key, applyUpdate(op, old)));
                case "Put" -> writes.add(() -> t.items.put(key, fromJson(op.path("Item"))));
                case "Delete" -> writes.add(() -> t.items.remove(key));
                case "ConditionCheck" -> {}
                default -> throw new Failure("ValidationException", "unknown transact action " + kind.getKey());
            }
        }
        if (failed) {
            ObjectNode extra = json.createObjectNode();
            ArrayNode r = extra.putArray("CancellationReasons");
            for (String code : reasons) {
                ObjectNode o = r.addObject().put("Code", code);
                if (!code.equals("None")) {
                    o.put("Message", "The conditional request failed");
                }
            }
            throw new Failure(
                    "TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific reasons " + reasons,
                    extra);
        }
        writes.forEach(Runnable::run);
        return json.createObjectNode();
    }

    private void check(JsonNode req, Map<String, JsonNode> old) {
        if (req.hasNonNull("ConditionExpression")
                && !Expression.test(req.get("ConditionExpression").asText(), old, placeholders(req))) {
            throw new Failure("ConditionalCheckFailedException", "The conditional request failed");
        }
    }

    private static Placeholders placeholders(JsonNode req) {
        Map<String, String> names = new HashMap<>();
        req.path("ExpressionAttributeNames")
                .fields()
                .forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        Map<String, JsonNode> values = new HashMap<>();
        req.path("ExpressionAttributeValues").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        return new Placeholders(names, values);
    }

    private static Map<String, JsonNode> fromJson(JsonNode item) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private ObjectNode toJson(Map<String, JsonNode> item) {
        ObjectNode o = json.createObjectNode();
        item.forEach(o::set);
        return o;
    }
}
