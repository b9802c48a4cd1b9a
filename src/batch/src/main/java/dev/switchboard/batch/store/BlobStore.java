package dev.switchboard.batch.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where a batch job keeps its files and checkpoints: a flat namespace of keys ({@code a/b/c}, no leading slash)
 * holding bytes. A local directory, an S3 bucket or a GCS bucket. Implementations must be thread-safe; the engine
 * calls them from several threads at once.
 *
 * <p>{@link #createIfAbsent} is the one primitive idempotency rests on: of two writers racing for a key, exactly one
 * gets {@code true} (locally an atomic rename without replace, S3 {@code If-None-Match: *}, GCS
 * {@code ifGenerationMatch=0}). Failures of the store itself are thrown as {@link BlobStoreException}.
 */
public interface BlobStore {

    /** The blob's content, or empty when there is none. */
    Optional<byte[]> get(String key);

    /** Reads a blob as a stream (large inputs); empty when there is none. The caller closes the stream. */
    default Optional<InputStream> open(String key) {
        return get(key).map(ByteArrayInputStream::new);
    }

    /** True when the key holds a blob; stores override this with a cheaper metadata request. */
    default boolean exists(String key) {
        return get(key).isPresent();
    }

    /**
     * Writes the blob only if the key holds none yet: true when this call created it, false when it already existed
     * (whoever wrote it, with whatever content). Readers never see a partly written blob.
     */
    boolean createIfAbsent(String key, byte[] content);

    /** Writes or replaces the blob; readers see the old or the new content, never a mix. */
    void put(String key, byte[] content);

    /** Every key starting with {@code prefix}, in ascending (lexicographic, UTF-8) order. */
    List<String> list(String prefix);

    /** Removes the blob; true when there was one. */
    boolean delete(String key);
}
