package dev.switchboard.auth.firestore;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreException;
import com.google.cloud.firestore.FirestoreOptions;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The client, and the one place Firestore failures become {@link LedgerUnavailable}. */
public final class FirestoreCalls {

    private final Duration timeout;

    FirestoreCalls(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * A client on Application Default Credentials (the function's service account), or, with {@code endpoint} set,
     * on that host: over TLS, or in plaintext without credentials when {@code plaintext} (local stand-ins, tests).
     */
    public static Firestore client(String project, String database, String endpoint, boolean plaintext) {
        FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setDatabaseId(database);
        if (project != null && !project.isBlank()) {
            b.setProjectId(project);
        }
        if (endpoint != null && !endpoint.isBlank()) {
            if (plaintext) {
                b.setEmulatorHost(endpoint);
            } else {
                b.setHost(endpoint);
            }
        }
        return b.build().getService();
    }

    /** Waits for a call; ALREADY_EXISTS passes through as {@link AlreadyExists}, every other failure is unavailability. */
    <T> T await(ApiFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (alreadyExists(cause)) {
                throw new AlreadyExists();
            }
            if (cause instanceof RuntimeException r
                    && !(cause instanceof ApiException)
                    && !(cause instanceof FirestoreException)) {
                throw r; // a bug in a transaction function, not the backend
            }
            throw new LedgerUnavailable("firestore: " + describe(cause), cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LedgerUnavailable("firestore: no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailable("firestore: interrupted", e);
        }
    }

    private static boolean alreadyExists(Throwable t) {
        return (t instanceof ApiException a && a.getStatusCode().getCode() == StatusCode.Code.ALREADY_EXISTS)
                || (t instanceof FirestoreException f && f.getCause() != null && alreadyExists(f.getCause()))
                || (t instanceof FirestoreException f2
                        && f2.getMessage() != null
                        && f2.getMessage().startsWith("ALREADY_EXISTS"));
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The document to create exists. */
    static final class AlreadyExists extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyExists() {
            super(null, null, false, false);
        }
    }
}
