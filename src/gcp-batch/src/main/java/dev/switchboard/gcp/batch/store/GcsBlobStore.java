package dev.switchboard.gcp.batch.store;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.store.BlobStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch job's files in one Cloud Storage bucket. Create-only writes are uploads with {@code ifGenerationMatch=0}
 * (the object must not exist): of two workers racing for a name, GCS answers 412 to the loser.
 */
public final class GcsBlobStore implements BlobStore {
    private final Storage storage;
    private final String bucket;

    public GcsBlobStore(Storage storage, String bucket) {
        this.storage = Objects.requireNonNull(storage);
        this.bucket = Objects.requireNonNull(bucket);
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(storage.readAllBytes(BlobId.of(bucket, key)));
        } catch (StorageException e) {
            if (e.getCode() == 404) return Optional.empty();
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            return storage.get(BlobId.of(bucket, key)) != null;
        } catch (StorageException e) {
            throw failure("check", key, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        try {
            storage.create(BlobInfo.newBuilder(bucket, key).build(), content, Storage.BlobTargetOption.doesNotExist());
            return true;
        } catch (StorageException e) {
            if (e.getCode() == 412) return false;
            throw failure("create", key, e);
        }
    }

    @Override
    public void put(String key, byte[] content) {
        try {
            storage.create(BlobInfo.newBuilder(bucket, key).build(), content);
        } catch (StorageException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            // GCS lists names in lexicographic (UTF-8 byte) order, the order the contract asks for
            Page<Blob> page = storage.list(bucket, Storage.BlobListOption.prefix(prefix));
            for (Blob b : page.iterateAll()) {
                if (!b.getName().endsWith("/")) keys.add(b.getName()); // folder placeholders are no blobs
            }
            return keys;
        } catch (StorageException e) {
            throw failure("list", prefix, e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return storage.delete(BlobId.of(bucket, key));
        } catch (StorageException e) {
            throw failure("delete", key, e);
        }
    }

    private BlobStoreException failure(String action, String key, StorageException e) {
        return new BlobStoreException(
                "GCS: could not " + action + " gs://" + bucket + "/" + key + " (HTTP " + e.getCode() + ", "
                        + e.getReason() + ")",
                e);
    }
}
