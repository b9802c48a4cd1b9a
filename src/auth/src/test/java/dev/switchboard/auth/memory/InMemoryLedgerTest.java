package dev.switchboard.auth.memory;

import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.testing.LedgerContract;

class InMemoryLedgerTest extends LedgerContract {
    @Override
    protected Ledger newLedger() {
        return new InMemoryLedger();
    }
}
