package dev.switchboard.auth.firestore;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.firestore.Firestore;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.emulator.firestore.FirestoreEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Firestore that cannot be reached is {@link LedgerUnavailable} within the configured timeout, never a crash. */
class FirestoreUnavailableTest {

    @Test
    void aStoppedBackendIsLedgerUnavailable() throws Exception {
        String gone;
        try (FirestoreEmulator emulator = FirestoreEmulator.start()) {
            gone = emulator.host();
        }
        try (Firestore db = FirestoreCalls.client("p", "(default)", gone, true)) {
            FirestoreLedger ledger = new FirestoreLedger(db, "sb", Duration.ofDays(1), Duration.ofSeconds(3));
            FirestoreKeyStore keys = new FirestoreKeyStore(db, "sb", Duration.ofSeconds(3));

            assertThatThrownBy(() -> ledger.admit(new AdmitRequest(
                            "k", null, Instant.parse("2026-03-01T00:00:00Z"), Amounts.request(1, 1), List.of())))
                    .isInstanceOf(LedgerUnavailable.class)
                    .hasMessageStartingWith("firestore: ");
            assertThatThrownBy(() -> keys.get("k")).isInstanceOf(LedgerUnavailable.class);
        }
    }
}
