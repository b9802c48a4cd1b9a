package dev.switchboard.aws.batch.store;

import dev.switchboard.batch.store.BlobStore;
import dev.switchboard.batch.store.BlobStoreException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A batch job's files in one S3 bucket (keys as given: the engine's prefixes, e.g. {@code out/<job id>/...}, are
 * the layout). Create-only writes are S3 conditional writes ({@code If-None-Match: *}): of two workers racing for a
 * key, S3 answers 412 to the loser.
 */
public final class S3BlobStore implements BlobStore {
    /** Attempts of a create-only write S3 answered 409 (a concurrent write or delete of the key in progress). */
    private static final int CONFLICT_ATTEMPTS = 3;

    private final S3Client s3;
    private final String bucket;

    public S3BlobStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3);
        this.bucket = Objects.requireNonNull(bucket);
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("open", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false; // HEAD has no body, so no NoSuchKey code
            throw failure("check", key, e);
        } catch (SdkException e) {
            throw failure("check", key, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) {
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromBytes(content));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) return false;
                if (e.statusCode() == 409 && attempt < CONFLICT_ATTEMPTS) continue;
                throw failure("create", key, e);
            } catch (SdkException e) {
                throw failure("create", key, e);
            }
        }
    }

    @Override
    public void put(String key, byte[] content) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            // S3 lists keys in ascending UTF-8 binary order, the order the contract asks for
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()) {
                // "dir/" entries are folder markers (the S3 console's "Create folder", directory-backed servers),
                // never a blob of a job
                if (!o.key().endsWith("/")) keys.add(o.key());
            }
            return keys;
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    @Override
    public boolean delete(String key) {
        // DeleteObject answers 204 whether or not the key existed: ask first
        if (!exists(key)) return false;
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    private BlobStoreException failure(String action, String key, SdkException e) {
        String status = e instanceof S3Exception s ? " (HTTP " + s.statusCode() + ")" : "";
        return new BlobStoreException(
                "S3: could not " + action + " s3://" + bucket + "/" + key + status + ": "
                        + e.getClass().getSimpleName(),
                e);
    }
}
