package dev.switchboard.auth.memory;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger of one process (a single server): one lock, every operation atomic. MINUTE rows older than the current
 * minute are dropped on admission; DAY and MONTH rows are kept for the process's lifetime.
 */
public final class InMemoryLedger implements Ledger {

    private record Row(String keyId, Window window, Instant start) {}

    private final Map<Row, Amounts> rows = new HashMap<>();
    private final Map<Row, String> tenants = new HashMap<>();
    private final Set<String> alerts = new HashSet<>();

    @Override
    public synchronized Admission admit(AdmitRequest request) {
        Instant now = request.now();
        List<LimitState> before = new ArrayList<>();
        LimitState exceeded = null;
        for (Limit limit : request.limits()) {
            long used = current(request.keyId(), limit.window(), now).get(limit.counter());
            LimitState state = new LimitState(limit, used, limit.window().end(now));
            before.add(state);
            if (exceeded == null && state.reached()) {
                exceeded = state;
            }
        }
        if (exceeded != null) {
            return new Admission.Denied(exceeded, before);
        }
        rows.keySet().removeIf(r -> r.window == Window.MINUTE && r.start.isBefore(Window.MINUTE.start(now)));
        for (Window w : Window.values()) {
            add(new Row(request.keyId(), w, w.start(now)), request.tenant(), request.estimate());
        }
        List<LimitState> after = new ArrayList<>();
        for (LimitState s : before) {
            after.add(new LimitState(
                    s.limit(), s.used() + request.estimate().get(s.limit().counter()), s.resetsAt()));
        }
        return new Admission.Admitted(
                new Reservation(request.keyId(), request.tenant(), now, request.estimate()), after);
    }

    @Override
    public synchronized List<WindowTotals> settle(Reservation reservation, Amounts actual) {
        Amounts delta = actual.minus(reservation.reserved());
        Instant at = reservation.admittedAt();
        List<WindowTotals> out = new ArrayList<>(2);
        for (Window w : Window.values()) {
            Amounts total = add(new Row(reservation.keyId(), w, w.start(at)), reservation.tenant(), delta);
            if (w != Window.MINUTE) {
                out.add(new WindowTotals(w, w.start(at), total));
            }
        }
        return out;
    }

    @Override
    public synchronized List<UsageRow> usage(UsageQuery q) {
        return rows.entrySet().stream()
                .filter(e -> e.getKey().window == q.window()
                        && (q.keyId() == null || q.keyId().equals(e.getKey().keyId))
                        && !e.getKey().start.isBefore(q.from())
                        && e.getKey().start.isBefore(q.to()))
                .map(e -> new UsageRow(
                        e.getKey().keyId, tenants.get(e.getKey()), e.getKey().window, e.getKey().start, e.getValue()))
                .sorted(Comparator.comparing(UsageRow::start).thenComparing(UsageRow::keyId))
                .toList();
    }

    @Override
    public synchronized boolean markAlert(String keyId, Window window, Instant windowStart, int percent) {
        return alerts.add(keyId + "|" + window.code() + "|" + windowStart.getEpochSecond() + "|" + percent);
    }

    private Amounts current(String keyId, Window w, Instant now) {
        return rows.getOrDefault(new Row(keyId, w, w.start(now)), Amounts.ZERO);
    }

    private Amounts add(Row row, String tenant, Amounts delta) {
        tenants.put(row, tenant);
        return rows.merge(row, delta, Amounts::plus);
    }
}
