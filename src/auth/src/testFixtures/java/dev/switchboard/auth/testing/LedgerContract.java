package dev.switchboard.auth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.auth.ledger.Admission;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.Counter;
import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.ledger.Limit;
import dev.switchboard.auth.ledger.Reservation;
import dev.switchboard.auth.ledger.UsageQuery;
import dev.switchboard.auth.ledger.UsageRow;
import dev.switchboard.auth.ledger.Window;
import dev.switchboard.auth.ledger.WindowTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Ledger} contract, run against every implementation: extend it and build a ledger on a fresh or shared
 * backend. Key ids are unique per test, so a backend may be shared between tests without flushing it.
 */
public abstract class LedgerContract {

    /** A ledger on the backend under test. */
    protected abstract Ledger newLedger();

    /**
     * A second ledger instance on the same backend as {@code first} (another gateway instance). Stores reached over a
     * network build a second client; an in-process ledger returns {@code first}.
     */
    protected Ledger sameBackend(Ledger first) {
        return first;
    }

    protected static final Instant T0 = Instant.parse("2026-03-31T23:58:30Z");

    protected Ledger ledger;
    protected String key;

    @BeforeEach
    void setUpLedger() {
        ledger = newLedger();
        key = "k" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Limit rpm(long max) {
        return new Limit(Window.MINUTE, Counter.REQUESTS, max);
    }

    private static Limit perDay(long nanoUsd) {
        return new Limit(Window.DAY, Counter.COST_NANO_USD, nanoUsd);
    }

    private Admission admit(Instant at, Amounts estimate, Limit... limits) {
        return ledger.admit(new AdmitRequest(key, "acme", at, estimate, List.of(limits)));
    }

    @Test
    void admitsWhileBelowTheLimitThenDeniesUntilTheWindowEnds() {
        Admission first = admit(T0, Amounts.request(0, 10), rpm(2));
        Admission second = admit(T0.plusSeconds(1), Amounts.request(0, 10), rpm(2));
        Admission third = admit(T0.plusSeconds(2), Amounts.request(0, 10), rpm(2));

        assertThat(first).isInstanceOf(Admission.Admitted.class);
        assertThat(first.states().getFirst().used()).isEqualTo(1);
        assertThat(second.states().getFirst().used()).isEqualTo(2);
        assertThat(second.states().getFirst().remaining()).isZero();
        assertThat(third).isInstanceOf(Admission.Denied.class);
        Admission.Denied denied = (Admission.Denied) third;
        assertThat(denied.exceeded().limit()).isEqualTo(rpm(2));
        assertThat(denied.exceeded().used()).isEqualTo(2);
        assertThat(denied.exceeded().resetsAt()).isEqualTo(Instant.parse("2026-03-31T23:59:00Z"));

        assertThat(admit(Instant.parse("2026-03-31T23:59:00Z"), Amounts.request(0, 10), rpm(2)))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void aDeniedRequestCountsNothing() {
        admit(T0, Amounts.request(0, 5), rpm(1));
        admit(T0, Amounts.request(0, 5), rpm(1));
        admit(T0, Amounts.request(0, 5), rpm(1));

        assertThat(dayRow().totals()).isEqualTo(new Amounts(0, 1, 5));
    }

    @Test
    void settlingReplacesTheEstimateWithTheActualAmounts() {
        Admission a = admit(T0, Amounts.request(4_000, 100), perDay(10_000));
        Reservation r = ((Admission.Admitted) a).reservation();
        assertThat(a.states().getFirst().used()).isEqualTo(4_000);

        List<WindowTotals> totals = ledger.settle(r, Amounts.request(1_500, 60));

        assertThat(totals).extracting(WindowTotals::window).containsExactlyInAnyOrder(Window.DAY, Window.MONTH);
        assertThat(totals).allSatisfy(t -> assertThat(t.totals()).isEqualTo(new Amounts(1_500, 1, 60)));
        assertThat(dayRow().totals()).isEqualTo(new Amounts(1_500, 1, 60));
    }

    @Test
    void aBudgetOvershootsByAtMostTheEstimatesAdmittedBelowIt() {
        Admission a = admit(T0, Amounts.request(4, 0), perDay(5));
        Admission b = admit(T0, Amounts.request(4, 0), perDay(5));
        Admission c = admit(T0, Amounts.request(4, 0), perDay(5));

        assertThat(a).isInstanceOf(Admission.Admitted.class);
        assertThat(b).isInstanceOf(Admission.Admitted.class);
        assertThat(b.states().getFirst().used()).isEqualTo(8);
        assertThat(c).isInstanceOf(Admission.Denied.class);

        ledger.settle(((Admission.Admitted) a).reservation(), Amounts.request(1, 0));
        assertThat(admit(T0, Amounts.request(1, 0), perDay(5))).isInstanceOf(Admission.Denied.class);
        ledger.settle(((Admission.Admitted) b).reservation(), Amounts.request(1, 0));
        Admission d = admit(T0, Amounts.request(40, 0), perDay(5));
        assertThat(d).isInstanceOf(Admission.Admitted.class);
        assertThat(d.states().getFirst().used()).isEqualTo(42);
        assertThat(admit(T0, Amounts.request(1, 0), perDay(5))).isInstanceOf(Admission.Denied.class);
    }

    @Test
    void aDayBudgetResetsAtMidnightUtcAndTheMonthAtTheFirst() {
        Limit month = new Limit(Window.MONTH, Counter.COST_NANO_USD, 10);
        assertThat(admit(T0, Amounts.request(10, 0), perDay(10), month)).isInstanceOf(Admission.Admitted.class);
        Admission denied = admit(T0, Amounts.request(1, 0), perDay(10), month);
        assertThat(denied).isInstanceOf(Admission.Denied.class);
        assertThat(((Admission.Denied) denied).exceeded().resetsAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(denied.states()).extracting(s -> s.resetsAt()).containsOnly(Instant.parse("2026-04-01T00:00:00Z"));

        assertThat(admit(Instant.parse("2026-03-31T23:59:59Z"), Amounts.request(1, 0), perDay(10)))
                .isInstanceOf(Admission.Denied.class);
        assertThat(admit(Instant.parse("2026-04-01T00:00:00Z"), Amounts.request(1, 0), perDay(10), month))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(admit(
                        Instant.parse("2026-04-01T00:00:00Z"),
                        Amounts.request(1, 0),
                        new Limit(Window.MONTH, Counter.COST_NANO_USD, 1)))
                .isInstanceOf(Admission.Denied.class);
    }

    @Test
    void aCallSettlesIntoTheWindowsItWasAdmittedIn() {
        Instant lastSecond = Instant.parse("2026-03-31T23:59:59Z");
        Reservation r = ((Admission.Admitted) admit(lastSecond, Amounts.request(100, 10))).reservation();

        ledger.settle(r, Amounts.request(300, 30));

        List<UsageRow> march = ledger.usage(new UsageQuery(
                Window.DAY, Instant.parse("2026-03-31T00:00:00Z"), Instant.parse("2026-04-02T00:00:00Z"), key));
        assertThat(march).singleElement().satisfies(row -> {
            assertThat(row.start()).isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
            assertThat(row.totals()).isEqualTo(new Amounts(300, 1, 30));
        });
    }

    @Test
    void settlingWithoutAReservationAddsTheWholeAmount() {
        ledger.settle(Reservation.none(key, "acme", T0), Amounts.request(700, 7));
        ledger.settle(Reservation.none(key, "acme", T0), Amounts.request(300, 3));

        assertThat(dayRow().totals()).isEqualTo(new Amounts(1_000, 2, 10));
        assertThat(dayRow().tenant()).isEqualTo("acme");
    }

    @Test
    void usageIsPerKeyAndWindowStartWithinTheRangeOrderedByStartThenKey() {
        String other = key + "b";
        ledger.admit(new AdmitRequest(other, "beta", T0, Amounts.request(5, 1), List.of()));
        admit(T0, Amounts.request(3, 1));
        admit(T0.plus(Duration.ofDays(2)), Amounts.request(2, 1));

        List<UsageRow> all = ledger.usage(new UsageQuery(
                Window.DAY, Instant.parse("2026-03-31T00:00:00Z"), Instant.parse("2026-04-05T00:00:00Z"), null));
        List<UsageRow> mine = all.stream()
                .filter(r -> r.keyId().equals(key) || r.keyId().equals(other))
                .toList();
        assertThat(mine).extracting(UsageRow::keyId).containsExactly(key, other, key);
        assertThat(mine).extracting(UsageRow::tenant).containsExactly("acme", "beta", "acme");
        assertThat(mine.get(2).start()).isEqualTo(Instant.parse("2026-04-02T00:00:00Z"));

        assertThat(ledger.usage(new UsageQuery(
                        Window.DAY, Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-05T00:00:00Z"), key)))
                .singleElement()
                .extracting(UsageRow::totals)
                .isEqualTo(new Amounts(2, 1, 1));
        assertThat(ledger.usage(new UsageQuery(
                        Window.MONTH,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-04-01T00:00:00Z"),
                        key)))
                .singleElement()
                .extracting(UsageRow::totals)
                .isEqualTo(new Amounts(3, 1, 1));
    }

    @Test
    void keysDoNotShareCounters() {
        admit(T0, Amounts.request(0, 0), rpm(1));
        Admission otherKey =
                ledger.admit(new AdmitRequest(key + "x", null, T0, Amounts.request(0, 0), List.of(rpm(1))));
        assertThat(otherKey).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void eachAlertFiresOncePerWindowAcrossInstances() {
        Ledger second = sameBackend(ledger);
        Instant day = Window.DAY.start(T0);

        assertThat(ledger.markAlert(key, Window.DAY, day, 50)).isTrue();
        assertThat(second.markAlert(key, Window.DAY, day, 50)).isFalse();
        assertThat(second.markAlert(key, Window.DAY, day, 80)).isTrue();
        assertThat(ledger.markAlert(key, Window.MONTH, Window.MONTH.start(T0), 50))
                .isTrue();
        assertThat(ledger.markAlert(key, Window.DAY, day.plus(Duration.ofDays(1)), 50))
                .isTrue();
    }

    @Test
    void concurrentAdmissionsFromTwoInstancesNeverPassTheLimit() throws Exception {
        Ledger second = sameBackend(ledger);
        int threads = 8;
        int perThread = 25;
        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Ledger l = t % 2 == 0 ? ledger : second;
            work.add(() -> {
                int admitted = 0;
                for (int i = 0; i < perThread; i++) {
                    Admission a = l.admit(new AdmitRequest(key, "acme", T0, Amounts.request(1, 1), List.of(rpm(50))));
                    if (a instanceof Admission.Admitted ok) {
                        admitted++;
                        l.settle(ok.reservation(), Amounts.request(3, 2));
                    }
                }
                return admitted;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int total = 0;
        try {
            for (Future<Integer> f : pool.invokeAll(work)) {
                total += f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(total).isEqualTo(50);
        assertThat(dayRow().totals()).isEqualTo(new Amounts(150, 50, 100));
    }

    private UsageRow dayRow() {
        List<UsageRow> rows = ledger.usage(new UsageQuery(Window.DAY, Window.DAY.start(T0), Window.DAY.end(T0), key));
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }
}
