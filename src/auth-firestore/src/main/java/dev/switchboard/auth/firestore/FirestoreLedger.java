package dev.switchboard.auth.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.Transaction;
import dev.switchboard.auth.ledger.Admission;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Ledger;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger in Firestore: a row is the document {@code <prefix>_windows/<window code>_<start epoch s>/rows/<key id>}
 * with integers {@code c} (nano-USD), {@code r}, {@code t}, the string {@code tenant} and the timestamp
 * {@code expires} (a TTL policy on the {@code rows} collection group deletes it: MINUTE rows a minute after their window,
 * DAY/MONTH rows {@code retention} after theirs). Keying rows by window start makes a usage query one collection read
 * per window, with no composite index.
 *
 * <p>admit and settle are each one read-write transaction over the three row documents (Firestore locks them for the
 * transaction, so concurrent gateway instances serialize per key); alerts are {@code create()} of
 * {@code <prefix>_alerts/<key>_<window>_<start>_<percent>}.
 */
public final class FirestoreLedger implements Ledger {

    private final Firestore db;
    private final String prefix;
    private final Duration retention;
    private final FirestoreCalls calls;

    /**
     * @param prefix    collection name prefix, e.g. {@code switchboard}
     * @param retention how long DAY and MONTH rows outlive their window (for usage queries)
     * @param timeout   per operation, transaction retries included
     */
    public FirestoreLedger(Firestore db, String prefix, Duration retention, Duration timeout) {
        this.db = db;
        this.prefix = prefix;
        this.retention = retention;
        this.calls = new FirestoreCalls(timeout);
    }

    private CollectionReference rows(Window w, Instant start) {
        return db.collection(prefix + "_windows")
                .document(w.code() + "_" + start.getEpochSecond())
                .collection("rows");
    }

    private Map<Window, DocumentReference> refs(String keyId, Instant at) {
        Map<Window, DocumentReference> refs = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            refs.put(w, rows(w, w.start(at)).document(keyId));
        }
        return refs;
    }

    private Map<Window, DocumentSnapshot> read(Transaction tx, Map<Window, DocumentReference> refs) throws Exception {
        List<DocumentSnapshot> snaps =
                tx.getAll(refs.values().toArray(DocumentReference[]::new)).get();
        Map<String, DocumentSnapshot> byPath = new HashMap<>();
        snaps.forEach(s -> byPath.put(s.getReference().getPath(), s));
        Map<Window, DocumentSnapshot> out = new EnumMap<>(Window.class);
        refs.forEach((w, ref) -> out.put(w, byPath.get(ref.getPath())));
        return out;
    }

    private Map<String, Object> row(Amounts a, String tenant, String keyId, Window w, Instant at) {
        Instant expires = w.end(at).plus(w == Window.MINUTE ? Duration.ofMinutes(1) : retention);
        Map<String, Object> fields = new HashMap<>();
        fields.put("c", a.nanoUsd());
        fields.put("r", a.requests());
        fields.put("t", a.tokens());
        fields.put("tenant", tenant);
        fields.put("key", keyId);
        fields.put("expires", Timestamp.ofTimeSecondsAndNanos(expires.getEpochSecond(), 0));
        return fields;
    }

    @Override
    public Admission admit(AdmitRequest request) {
        Instant now = request.now();
        Map<Window, DocumentReference> refs = refs(request.keyId(), now);
        return calls.await(db.runTransaction(tx -> {
            Map<Window, DocumentSnapshot> snaps = read(tx, refs);
            Map<Window, Amounts> used = new EnumMap<>(Window.class);
            snaps.forEach((w, s) -> used.put(w, amounts(s)));
            int reached = -1;
            for (int i = 0; i < request.limits().size() && reached < 0; i++) {
                Limit l = request.limits().get(i);
                if (used.get(l.window()).get(l.counter()) >= l.max()) {
                    reached = i;
                }
            }
            if (reached >= 0) {
                List<LimitState> states = states(request, used);
                return new Admission.Denied(states.get(reached), states);
            }
            for (Window w : Window.values()) {
                Amounts after = used.get(w).plus(request.estimate());
                used.put(w, after);
                tx.set(refs.get(w), row(after, request.tenant(), request.keyId(), w, now));
            }
            return new Admission.Admitted(
                    new Reservation(request.keyId(), request.tenant(), now, request.estimate()), states(request, used));
        }));
    }

    private static List<LimitState> states(AdmitRequest request, Map<Window, Amounts> used) {
        return request.limits().stream()
                .map(l -> new LimitState(
                        l, used.get(l.window()).get(l.counter()), l.window().end(request.now())))
                .toList();
    }

    @Override
    public List<WindowTotals> settle(Reservation reservation, Amounts actual) {
        Instant at = reservation.admittedAt();
        Amounts delta = actual.minus(reservation.reserved());
        Map<Window, DocumentReference> refs = refs(reservation.keyId(), at);
        return calls.await(db.runTransaction(tx -> {
            Map<Window, DocumentSnapshot> snaps = read(tx, refs);
            List<WindowTotals> out = new ArrayList<>(2);
            for (Window w : Window.values()) {
                DocumentSnapshot s = snaps.get(w);
                if (w == Window.MINUTE && (s == null || !s.exists())) {
                    continue; // a minute row that never existed (fail-open) is not created by a settle
                }
                Amounts after = amounts(s).plus(delta);
                tx.set(refs.get(w), row(after, reservation.tenant(), reservation.keyId(), w, at));
                if (w != Window.MINUTE) {
                    out.add(new WindowTotals(w, w.start(at), after));
                }
            }
            return out;
        }));
    }

    @Override
    public List<UsageRow> usage(UsageQuery q) {
        List<UsageRow> out = new ArrayList<>();
        Instant start = q.window().start(q.from());
        if (start.isBefore(q.from())) {
            start = q.window().end(q.from());
        }
        int windows = 0;
        for (Instant s = start; s.isBefore(q.to()); s = q.window().end(s)) {
            if (++windows > 1_000) {
                throw new IllegalArgumentException("usage range spans more than 1000 windows");
            }
            if (q.keyId() != null) {
                DocumentSnapshot d =
                        calls.await(rows(q.window(), s).document(q.keyId()).get());
                if (d.exists()) {
                    out.add(usageRow(d, q.window(), s));
                }
                continue;
            }
            for (QueryDocumentSnapshot d :
                    calls.await(rows(q.window(), s).get()).getDocuments()) {
                out.add(usageRow(d, q.window(), s));
            }
        }
        return out;
    }

    private static UsageRow usageRow(DocumentSnapshot d, Window w, Instant start) {
        return new UsageRow(d.getId(), d.getString("tenant"), w, start, amounts(d));
    }

    @Override
    public boolean markAlert(String keyId, Window window, Instant windowStart, int percent) {
        DocumentReference ref = db.collection(prefix + "_alerts")
                .document(keyId + "_" + window.code() + "_" + windowStart.getEpochSecond() + "_" + percent);
        Instant expires = window.end(windowStart).plus(retention);
        try {
            calls.await(ref.create(Map.of(
                    "key",
                    keyId,
                    "percent",
                    percent,
                    "expires",
                    Timestamp.ofTimeSecondsAndNanos(expires.getEpochSecond(), 0))));
            return true;
        } catch (FirestoreCalls.AlreadyExists e) {
            return false;
        }
    }

    private static Amounts amounts(DocumentSnapshot s) {
        if (s == null || !s.exists()) {
            return Amounts.ZERO;
        }
        return new Amounts(num(s, "c"), num(s, "r"), num(s, "t"));
    }

    private static long num(DocumentSnapshot s, String field) {
        Long v = s.getLong(field);
        return v == null ? 0 : v;
    }
}
