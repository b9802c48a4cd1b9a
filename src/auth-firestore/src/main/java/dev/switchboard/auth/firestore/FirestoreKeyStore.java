package dev.switchboard.auth.firestore;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.switchboard.auth.Budget;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.MutableKeyStore;
import dev.switchboard.auth.RateLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys as documents {@code <prefix>_keys/<id>} (only the key's hash is stored; budgets as strings so the BigDecimal
 * round-trips exactly). create is {@code create()} (fails if the document exists); update and delete are one
 * transaction each (read, then replace / delete only if it exists).
 */
public final class FirestoreKeyStore implements MutableKeyStore {

    private final Firestore db;
    private final CollectionReference keys;
    private final FirestoreCalls calls;

    public FirestoreKeyStore(Firestore db, String prefix, Duration timeout) {
        this.db = db;
        this.keys = db.collection(prefix + "_keys");
        this.calls = new FirestoreCalls(timeout);
    }

    @Override
    public Optional<GatewayKey> get(String id) {
        DocumentSnapshot d = calls.await(keys.document(id).get());
        return d.exists() ? Optional.of(decode(d)) : Optional.empty();
    }

    @Override
    public List<GatewayKey> list() {
        // a collection read is ordered by document name = id
        List<GatewayKey> out = new ArrayList<>();
        calls.await(keys.get()).getDocuments().forEach(d -> out.add(decode(d)));
        return out;
    }

    @Override
    public void create(GatewayKey key) {
        try {
            calls.await(keys.document(key.id()).create(encode(key)));
        } catch (FirestoreCalls.AlreadyExists e) {
            throw new KeyConflict(key.id());
        }
    }

    @Override
    public Optional<GatewayKey> update(GatewayKey key) {
        boolean replaced = calls.await(db.runTransaction(tx -> {
            if (!tx.get(keys.document(key.id())).get().exists()) {
                return false;
            }
            tx.set(keys.document(key.id()), encode(key));
            return true;
        }));
        return replaced ? Optional.of(key) : Optional.empty();
    }

    @Override
    public boolean delete(String id) {
        return calls.await(db.runTransaction(tx -> {
            if (!tx.get(keys.document(id)).get().exists()) {
                return false;
            }
            tx.delete(keys.document(id));
            return true;
        }));
    }

    private static Map<String, Object> encode(GatewayKey k) {
        Map<String, Object> d = new HashMap<>();
        d.put("hash", k.hash());
        d.put("tenant", k.tenant());
        d.put("models", k.models());
        d.put("tags", k.tags());
        if (k.budget().usdPerDay() != null) {
            d.put("usd_per_day", k.budget().usdPerDay().toPlainString());
        }
        if (k.budget().usdPerMonth() != null) {
            d.put("usd_per_month", k.budget().usdPerMonth().toPlainString());
        }
        d.put("requests_per_minute", k.limits().requestsPerMinute());
        d.put("tokens_per_minute", k.limits().tokensPerMinute());
        d.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
        d.put("disabled", k.disabled());
        return d;
    }

    @SuppressWarnings("unchecked")
    private static GatewayKey decode(DocumentSnapshot d) {
        String perDay = d.getString("usd_per_day");
        String perMonth = d.getString("usd_per_month");
        String expires = d.getString("expires_at");
        return new GatewayKey(
                d.getId(),
                d.getString("hash"),
                d.getString("tenant"),
                (List<String>) d.get("models"),
                (List<String>) d.get("tags"),
                new Budget(
                        perDay == null ? null : new BigDecimal(perDay),
                        perMonth == null ? null : new BigDecimal(perMonth)),
                new RateLimits(d.getLong("requests_per_minute"), d.getLong("tokens_per_minute")),
                expires == null ? null : Instant.parse(expires),
                Boolean.TRUE.equals(d.getBoolean("disabled")));
    }
}
