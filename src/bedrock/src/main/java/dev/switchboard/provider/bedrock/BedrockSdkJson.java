package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * SDK model objects ↔ their REST-JSON body, walked through the SDK's own field metadata ({@link SdkPojo#sdkFields()}:
 * wire names, types, list and map members). Batch jobs in Converse format carry Converse request and response
 * bodies in files rather than over HTTP, so the runtime mapping ({@link BedrockRequestMapping},
 * {@link BedrockResponseMapping}) is reused through this instead of a second, hand-written Converse JSON mapping.
 * Only body members are written (the model id is a path member of ConverseRequest and is left out).
 */
final class BedrockSdkJson {
    private BedrockSdkJson() {}

    static ObjectNode write(SdkPojo pojo) {
        ObjectNode out = Json.object();
        for (SdkField<?> f : pojo.sdkFields()) {
            if (f.location() != MarshallLocation.PAYLOAD) continue;
            Object value = f.getValueOrDefault(pojo);
            if (value == null || isAutoConstructed(value)) continue;
            out.set(f.locationName(), value(f, value));
        }
        return out;
    }

    private static JsonNode value(SdkField<?> f, Object value) {
        MarshallingType<?> type = f.marshallingType();
        if (type == MarshallingType.SDK_POJO) return write((SdkPojo) value);
        if (type == MarshallingType.LIST) {
            SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode a = Json.array();
            for (Object item : (List<?>) value) a.add(item == null ? Json.NODES.nullNode() : value(member, item));
            return a;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode o = Json.object();
            ((Map<?, ?>) value).forEach((k, v) -> o.set(String.valueOf(k), v == null ? null : value(member, v)));
            return o;
        }
        if (type == MarshallingType.DOCUMENT) return BedrockDocuments.toJson((Document) value);
        if (type == MarshallingType.SDK_BYTES) {
            return Json.NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
        }
        if (type == MarshallingType.INSTANT) return Json.NODES.textNode(value.toString());
        return switch (value) {
            case String s -> Json.NODES.textNode(s);
            case Boolean b -> Json.NODES.booleanNode(b);
            case Integer i -> Json.NODES.numberNode(i);
            case Long l -> Json.NODES.numberNode(l);
            case Float x -> Json.NODES.numberNode(new BigDecimal(x.toString()));
            case Double d -> Json.NODES.numberNode(BigDecimal.valueOf(d));
            case BigDecimal d -> Json.NODES.numberNode(d);
            default -> Json.NODES.textNode(value.toString());
        };
    }

    /** Fills {@code builder} (an SDK builder) from {@code json}; unknown members are skipped. */
    static <B extends SdkPojo> B read(JsonNode json, B builder) {
        if (json == null || !json.isObject()) return builder;
        for (SdkField<?> f : builder.sdkFields()) {
            if (f.location() != MarshallLocation.PAYLOAD) continue;
            String name = f.unmarshallLocationName() == null ? f.locationName() : f.unmarshallLocationName();
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) continue;
            Object value = parse(f, node);
            if (value != null) f.set(builder, value);
        }
        return builder;
    }

    private static Object parse(SdkField<?> f, JsonNode node) {
        MarshallingType<?> type = f.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = read(node, f.constructor().get());
            return nested instanceof SdkBuilder<?, ?> b ? b.build() : nested;
        }
        if (type == MarshallingType.LIST) {
            if (!node.isArray()) return null;
            SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (JsonNode item : node) out.add(item.isNull() ? null : parse(member, item));
            return out;
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) return null;
            SdkField<?> member = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            node.properties()
                    .forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null : parse(member, e.getValue())));
            return out;
        }
        if (type == MarshallingType.DOCUMENT) return BedrockDocuments.toDocument(node);
        if (type == MarshallingType.SDK_BYTES)
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asText()));
        if (type == MarshallingType.STRING) return node.isValueNode() ? node.asText() : null;
        if (type == MarshallingType.BOOLEAN) return node.isBoolean() ? node.booleanValue() : null;
        if (type == MarshallingType.INTEGER) return node.isNumber() ? node.intValue() : null;
        if (type == MarshallingType.LONG) return node.isNumber() ? node.longValue() : null;
        if (type == MarshallingType.FLOAT) return node.isNumber() ? node.floatValue() : null;
        if (type == MarshallingType.DOUBLE) return node.isNumber() ? node.doubleValue() : null;
        if (type == MarshallingType.BIG_DECIMAL) return node.isNumber() ? node.decimalValue() : null;
        if (type == MarshallingType.INSTANT) {
            return node.isNumber()
                    ? Instant.ofEpochMilli((long) (node.doubleValue() * 1000))
                    : Instant.parse(node.asText());
        }
        return null;
    }

    /** The SDK's empty placeholder lists and maps (a member never set), which the wire never carries. */
    private static boolean isAutoConstructed(Object value) {
        return value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                || value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>;
    }
}
