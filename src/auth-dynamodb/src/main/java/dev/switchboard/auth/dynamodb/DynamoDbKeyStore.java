package dev.switchboard.auth.dynamodb;

import dev.switchboard.auth.Budget;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.RateLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Keys in the ledger's table: one item per key ({@code pk = K}, {@code sk = <id>}), so {@code list()} is one Query
 * already ordered by id. Only the key's hash is stored. Budgets are strings (a DynamoDB number would drop trailing
 * zeros and the BigDecimal would not round-trip exactly). create / update are one conditional PutItem each
 * ({@code attribute_not_exists(pk)} / {@code attribute_exists(pk)}), delete one DeleteItem.
 */
public final class DynamoDbKeyStore implements MutableKeyStore {

    private static final String PARTITION = "K";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbKeyStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<GatewayKey> get(String id) {
        Map<String, AttributeValue> item = DynamoDb.call(() -> client.getItem(
                        b -> b.tableName(table).consistentRead(true).key(DynamoDb.key(PARTITION, id)))
                .item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decode(item));
    }

    @Override
    public List<GatewayKey> list() {
        List<GatewayKey> out = new ArrayList<>();
        Map<String, AttributeValue> after = null;
        do {
            Map<String, AttributeValue> from = after;
            QueryResponse page = DynamoDb.call(() -> client.query(b -> b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", DynamoDb.s(PARTITION)))
                    .exclusiveStartKey(from)));
            page.items().forEach(i -> out.add(decode(i)));
            after = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (after != null);
        return out;
    }

    @Override
    public void create(GatewayKey key) {
        if (!put(key, "attribute_not_exists(pk)")) {
            throw new KeyConflict(key.id());
        }
    }

    @Override
    public Optional<GatewayKey> update(GatewayKey key) {
        return put(key, "attribute_exists(pk)") ? Optional.of(key) : Optional.empty();
    }

    @Override
    public boolean delete(String id) {
        Map<String, AttributeValue> old = DynamoDb.call(() -> client.deleteItem(
                        b -> b.tableName(table).key(DynamoDb.key(PARTITION, id)).returnValues(ReturnValue.ALL_OLD))
                .attributes());
        return old != null && !old.isEmpty();
    }

    private boolean put(GatewayKey key, String condition) {
        try {
            DynamoDb.call(() ->
                    client.putItem(b -> b.tableName(table).item(encode(key)).conditionExpression(condition)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> encode(GatewayKey k) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoDb.key(PARTITION, k.id()));
        item.put("hash", DynamoDb.s(k.hash()));
        item.put("tenant", DynamoDb.s(k.tenant()));
        item.put("models", strings(k.models()));
        item.put("tags", strings(k.tags()));
        if (k.budget().usdPerDay() != null) {
            item.put("usd_per_day", DynamoDb.s(k.budget().usdPerDay().toPlainString()));
        }
        if (k.budget().usdPerMonth() != null) {
            item.put("usd_per_month", DynamoDb.s(k.budget().usdPerMonth().toPlainString()));
        }
        if (k.limits().requestsPerMinute() != null) {
            item.put("requests_per_minute", DynamoDb.n(k.limits().requestsPerMinute()));
        }
        if (k.limits().tokensPerMinute() != null) {
            item.put("tokens_per_minute", DynamoDb.n(k.limits().tokensPerMinute()));
        }
        if (k.expiresAt() != null) {
            item.put("expires_at", DynamoDb.s(k.expiresAt().toString()));
        }
        item.put("disabled", AttributeValue.fromBool(k.disabled()));
        return item;
    }

    /** A list (not a string set: sets cannot be empty and lose order). */
    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(DynamoDb::s).toList());
    }

    private static GatewayKey decode(Map<String, AttributeValue> i) {
        String perDay = DynamoDb.str(i, "usd_per_day");
        String perMonth = DynamoDb.str(i, "usd_per_month");
        String expires = DynamoDb.str(i, "expires_at");
        return new GatewayKey(
                i.get(DynamoDbLedger.SK).s(),
                DynamoDb.str(i, "hash"),
                DynamoDb.str(i, "tenant"),
                strings(i.get("models")),
                strings(i.get("tags")),
                new Budget(
                        perDay == null ? null : new BigDecimal(perDay),
                        perMonth == null ? null : new BigDecimal(perMonth)),
                new RateLimits(number(i.get("requests_per_minute")), number(i.get("tokens_per_minute"))),
                expires == null ? null : Instant.parse(expires),
                i.get("disabled") != null
                        && Boolean.TRUE.equals(i.get("disabled").bool()));
    }

    private static List<String> strings(AttributeValue v) {
        return v == null || !v.hasL()
                ? List.of()
                : v.l().stream().map(AttributeValue::s).toList();
    }

    private static Long number(AttributeValue v) {
        return v == null || v.n() == null ? null : Long.valueOf(v.n());
    }
}
