package dev.switchboard.auth.firestore;

import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.testing.LedgerContract;
import java.time.Duration;

/** The ledger contract through the real Firestore client against the in-process gRPC Firestore. */
class FirestoreLedgerTest extends LedgerContract {

    @Override
    protected Ledger newLedger() {
        return new FirestoreLedger(FirestoreBackend.newClient(), "sb", Duration.ofDays(400), Duration.ofSeconds(60));
    }

    @Override
    protected Ledger sameBackend(Ledger first) {
        return newLedger();
    }
}
