package dev.switchboard.auth.dynamodb;

import dev.switchboard.auth.ledger.Ledger;
import dev.switchboard.auth.testing.LedgerContract;
import java.time.Duration;

/** The ledger contract through the real AWS SDK client against the wire-level DynamoDB emulator. */
class DynamoDbLedgerTest extends LedgerContract {

    @Override
    protected Ledger newLedger() {
        return new DynamoDbLedger(DynamoDbBackend.newClient(), DynamoDbBackend.TABLE, Duration.ofDays(400));
    }

    @Override
    protected Ledger sameBackend(Ledger first) {
        return newLedger();
    }
}
