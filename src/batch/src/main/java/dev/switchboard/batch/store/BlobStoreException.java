package dev.switchboard.batch.store;

/** The store itself failed (I/O, network, permissions): not a missing key, which is an empty answer. */
public class BlobStoreException extends RuntimeException {
    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public BlobStoreException(String message) {
        super(message);
    }
}
