package dev.switchboard.auth.ledger;

/**
 * The ledger or key store backend cannot be reached or answered garbage. Whether the call then proceeds is the
 * deployment's choice ({@code fail-open} / {@code fail-closed}), not the ledger's.
 */
public class LedgerUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
