package dev.switchboard.auth.dynamodb;

import dev.switchboard.auth.ledger.Admission;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Counter;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.auth.ledger.Limit;
import dev.switchboard.auth.ledger.LimitState;
import dev.switchboard.auth.ledger.Reservation;
import dev.switchboard.auth.ledger.UsageQuery;
import dev.switchboard.auth.ledger.UsageRow;
import dev.switchboard.auth.ledger.Window;
import dev.switchboard.auth.ledger.WindowTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The ledger in one DynamoDB table (string partition key {@code pk}, string sort key {@code sk}): a row is the item
 * ({@code pk = L#<window code>#<start epoch s>}, {@code sk = <key id>}) with numbers {@code c} (nano-USD), {@code r},
 * {@code t}, the string {@code tenant} and the TTL attribute {@code expires} (epoch seconds: MINUTE rows a minute after
 * their window, DAY/MONTH rows {@code retention} after theirs). Keying rows by window start keeps a usage query one
 * Query per window and lets expired rows be garbage that nothing reads.
 *
 * <p>admit = one {@code TransactWriteItems} of three {@code ADD} updates, each limited row conditioned on
 * {@code attribute_not_exists(f) OR f < :max}; a cancelled transaction means a limit was reached (or a conflicting
 * transaction: retried). A transaction returns no values, so the limit states of an admitted call are a strongly
 * consistent read right after it (they may include concurrent calls: x-ratelimit headers, not enforcement). Settle = one {@code UpdateItem ... ADD} per row ({@code ALL_NEW} answers the totals, so
 * exactly one settle sees a threshold crossed). Alerts = {@code PutItem} with {@code attribute_not_exists(pk)}.
 */
public final class DynamoDbLedger implements Ledger {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String TTL = "expires";
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;

    /** @param retention how long DAY and MONTH rows outlive their window (for usage queries) */
    public DynamoDbLedger(DynamoDbClient client, String table, Duration retention) {
        this.client = client;
        this.table = table;
        this.retention = retention;
    }

    static String rowPk(Window w, Instant start) {
        return "L#" + w.code() + "#" + start.getEpochSecond();
    }

    private long expiry(Window w, Instant at) {
        return w.end(at)
                .plus(w == Window.MINUTE ? Duration.ofMinutes(1) : retention)
                .getEpochSecond();
    }

    @Override
    public Admission admit(AdmitRequest request) {
        for (int attempt = 1; ; attempt++) {
            if (request.limits().stream().anyMatch(l -> l.max() <= 0)) {
                // nothing can be below a max of 0: deny without writing (a condition would pass on an absent row)
                return denied(request, read(request));
            }
            try {
                DynamoDb.call(() -> client.transactWriteItems(b -> b.transactItems(reserve(request))));
                List<LimitState> states = request.limits().isEmpty() ? List.of() : states(request, read(request));
                return new Admission.Admitted(
                        new Reservation(request.keyId(), request.tenant(), request.now(), request.estimate()), states);
            } catch (TransactionCanceledException e) {
                if (!conflictOnly(e)) {
                    Map<Window, Amounts> used = read(request);
                    if (firstReached(request, used) >= 0) {
                        return denied(request, used);
                    }
                    // a settle lowered the counter between the cancel and the read: try again
                }
                if (attempt == ATTEMPTS) {
                    throw new LedgerUnavailable("dynamodb: admit kept conflicting with concurrent transactions", e);
                }
                backOff(attempt);
            }
        }
    }

    private List<TransactWriteItem> reserve(AdmitRequest request) {
        List<TransactWriteItem> items = new ArrayList<>(3);
        Amounts e = request.estimate();
        for (Window w : Window.values()) {
            Map<String, String> names = new HashMap<>(Map.of("#ttl", TTL));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(
                    ":c",
                    DynamoDb.n(e.nanoUsd()),
                    ":r",
                    DynamoDb.n(e.requests()),
                    ":t",
                    DynamoDb.n(e.tokens()),
                    ":tenant",
                    DynamoDb.s(request.tenant()),
                    ":ttl",
                    DynamoDb.n(expiry(w, request.now()))));
            StringJoiner condition = new StringJoiner(" AND ");
            int i = 0;
            for (Limit l : request.limits()) {
                if (l.window() == w) {
                    String f = "#f" + i;
                    names.put(f, l.counter().code());
                    values.put(":max" + i, DynamoDb.n(l.max()));
                    condition.add("(attribute_not_exists(" + f + ") OR " + f + " < :max" + i + ")");
                }
                i++;
            }
            Update.Builder u = Update.builder()
                    .tableName(table)
                    .key(DynamoDb.key(rowPk(w, w.start(request.now())), request.keyId()))
                    .updateExpression("ADD c :c, r :r, t :t SET tenant = :tenant, #ttl = :ttl")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
            if (condition.length() > 0) {
                u.conditionExpression(condition.toString());
            }
            items.add(TransactWriteItem.builder().update(u.build()).build());
        }
        return items;
    }

    private static boolean conflictOnly(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream()
                        .map(CancellationReason::code)
                        .noneMatch("ConditionalCheckFailed"::equals);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempt, 5)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable("dynamodb: interrupted while retrying an admit", ie);
        }
    }

    /** The counters (strongly consistent) of each window that has a limit. */
    private Map<Window, Amounts> read(AdmitRequest request) {
        Map<Window, Amounts> used = new HashMap<>();
        for (Limit l : request.limits()) {
            used.computeIfAbsent(
                    l.window(),
                    w -> DynamoDb.call(() -> {
                        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                                        .consistentRead(true)
                                        .key(DynamoDb.key(rowPk(w, w.start(request.now())), request.keyId())))
                                .item();
                        return amounts(item);
                    }));
        }
        return used;
    }

    private static int firstReached(AdmitRequest request, Map<Window, Amounts> used) {
        for (int i = 0; i < request.limits().size(); i++) {
            Limit l = request.limits().get(i);
            if (used.get(l.window()).get(l.counter()) >= l.max()) {
                return i;
            }
        }
        return -1;
    }

    private static Admission denied(AdmitRequest request, Map<Window, Amounts> used) {
        List<LimitState> states = states(request, used);
        return new Admission.Denied(states.get(firstReached(request, used)), states);
    }

    private static List<LimitState> states(AdmitRequest request, Map<Window, Amounts> used) {
        return request.limits().stream()
                .map(l -> new LimitState(
                        l, used.get(l.window()).get(l.counter()), l.window().end(request.now())))
                .toList();
    }

    @Override
    public List<WindowTotals> settle(Reservation reservation, Amounts actual) {
        Amounts d = actual.minus(reservation.reserved());
        Instant at = reservation.admittedAt();
        List<WindowTotals> out = new ArrayList<>(2);
        for (Window w : Window.values()) {
            UpdateItemRequest.Builder u = UpdateItemRequest.builder()
                    .tableName(table)
                    .key(DynamoDb.key(rowPk(w, w.start(at)), reservation.keyId()))
                    .updateExpression("ADD c :c, r :r, t :t SET tenant = :tenant, #ttl = :ttl")
                    .expressionAttributeNames(Map.of("#ttl", TTL))
                    .expressionAttributeValues(Map.of(
                            ":c",
                            DynamoDb.n(d.nanoUsd()),
                            ":r",
                            DynamoDb.n(d.requests()),
                            ":t",
                            DynamoDb.n(d.tokens()),
                            ":tenant",
                            DynamoDb.s(reservation.tenant()),
                            ":ttl",
                            DynamoDb.n(expiry(w, at))))
                    .returnValues(ReturnValue.ALL_NEW);
            if (w == Window.MINUTE) {
                // a minute row that never existed (fail-open) or whose window is long over is not recreated
                u.conditionExpression("attribute_exists(pk)");
            }
            try {
                Map<String, AttributeValue> item =
                        DynamoDb.call(() -> client.updateItem(u.build()).attributes());
                if (w != Window.MINUTE) {
                    out.add(new WindowTotals(w, w.start(at), amounts(item)));
                }
            } catch (ConditionalCheckFailedException e) {
                // the MINUTE row only: nothing to settle there
            }
        }
        return out;
    }

    @Override
    public List<UsageRow> usage(UsageQuery q) {
        List<UsageRow> rows = new ArrayList<>();
        Instant start = q.window().start(q.from());
        if (start.isBefore(q.from())) {
            start = q.window().end(q.from());
        }
        int windows = 0;
        for (Instant s = start; s.isBefore(q.to()); s = q.window().end(s)) {
            if (++windows > 1_000) {
                throw new IllegalArgumentException("usage range spans more than 1000 windows");
            }
            Instant windowStart = s;
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", DynamoDb.s(rowPk(q.window(), s))));
            String condition = "pk = :pk";
            if (q.keyId() != null) {
                values.put(":sk", DynamoDb.s(q.keyId()));
                condition += " AND sk = :sk";
            }
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression(condition)
                    .expressionAttributeValues(values);
            Map<String, AttributeValue> after = null;
            do {
                Map<String, AttributeValue> from = after;
                QueryResponse page = DynamoDb.call(
                        () -> client.query(query.exclusiveStartKey(from).build()));
                for (Map<String, AttributeValue> item : page.items()) {
                    rows.add(new UsageRow(
                            item.get(SK).s(), DynamoDb.str(item, "tenant"), q.window(), windowStart, amounts(item)));
                }
                after = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (after != null);
        }
        return rows;
    }

    @Override
    public boolean markAlert(String keyId, Window window, Instant windowStart, int percent) {
        Map<String, AttributeValue> item = new HashMap<>(
                DynamoDb.key("A#" + window.code() + "#" + windowStart.getEpochSecond() + "#" + percent, keyId));
        item.put(TTL, DynamoDb.n(window.end(windowStart).plus(retention).getEpochSecond()));
        try {
            DynamoDb.call(() -> client.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(pk)")
                    .build()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Amounts amounts(Map<String, AttributeValue> item) {
        return new Amounts(
                DynamoDb.num(item, Counter.COST_NANO_USD.code()),
                DynamoDb.num(item, Counter.REQUESTS.code()),
                DynamoDb.num(item, Counter.TOKENS.code()));
    }
}
