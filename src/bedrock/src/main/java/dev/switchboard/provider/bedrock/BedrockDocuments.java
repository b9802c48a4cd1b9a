package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/**
 * JSON trees ↔ the SDK's {@link Document}, which is how Converse carries free-form JSON (tool input schemas, tool
 * call inputs, additionalModelRequestFields). Numbers go through BigDecimal so nothing is rounded on the way.
 */
final class BedrockDocuments {
    private BedrockDocuments() {}

    static Document toDocument(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return Document.fromNull();
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toDocument(e.getValue())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(toDocument(item)));
            return Document.fromList(list);
        }
        if (node.isBoolean()) return Document.fromBoolean(node.booleanValue());
        if (node.isIntegralNumber()) return Document.fromNumber(SdkNumber.fromBigInteger(node.bigIntegerValue()));
        if (node.isNumber()) return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        return Document.fromString(node.asText());
    }

    static JsonNode toJson(Document doc) {
        if (doc == null || doc.isNull()) return Json.NODES.nullNode();
        if (doc.isMap()) {
            ObjectNode out = Json.object();
            doc.asMap().forEach((k, v) -> out.set(k, toJson(v)));
            return out;
        }
        if (doc.isList()) {
            ArrayNode out = Json.array();
            doc.asList().forEach(v -> out.add(toJson(v)));
            return out;
        }
        if (doc.isBoolean()) return Json.NODES.booleanNode(doc.asBoolean());
        if (doc.isNumber()) {
            // SdkNumber keeps the wire text; BigDecimal preserves it exactly (integers stay integers below).
            var value = doc.asNumber().bigDecimalValue();
            return value.scale() <= 0 ? Json.NODES.numberNode(value.toBigIntegerExact()) : Json.NODES.numberNode(value);
        }
        return Json.NODES.textNode(doc.asString());
    }
}
