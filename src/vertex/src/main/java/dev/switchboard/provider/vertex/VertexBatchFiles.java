package dev.switchboard.provider.vertex;

import com.google.api.gax.paging.Page;
import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.http.HttpErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The Cloud Storage side of native batch jobs, through the official client: writes a job's input file, deletes it
 * when the job could not be created, and streams the lines of the prediction files a job wrote (never the whole
 * file in memory). Failures become the provider's errors.
 */
final class VertexBatchFiles implements AutoCloseable {
    private final String provider;
    private final Storage storage;
    private final String bucket;

    VertexBatchFiles(String provider, Storage storage, String bucket) {
        this.provider = provider;
        this.storage = storage;
        this.bucket = bucket;
    }

    /** Application Default Credentials, or none against an endpoint override (a local server). */
    static Storage client(String project, URI endpoint) {
        StorageOptions.Builder b = StorageOptions.newBuilder().setProjectId(project);
        if (endpoint != null) b.setHost(endpoint.toString()).setCredentials(NoCredentials.getInstance());
        return b.build().getService();
    }

    /** {@code gs://<bucket>/<name>}. */
    String uri(String name) {
        return "gs://" + bucket + "/" + name;
    }

    void write(String name, byte[] data) {
        try {
            storage.create(
                    BlobInfo.newBuilder(bucket, name)
                            .setContentType("application/jsonl")
                            .build(),
                    data);
        } catch (StorageException e) {
            throw error(e);
        }
    }

    /** Best effort: an input file left behind costs storage, not model calls. */
    void deleteQuietly(String name) {
        try {
            storage.delete(BlobId.of(bucket, name));
        } catch (StorageException ignored) {
            // nothing bills for it; the bucket's lifecycle rule removes it eventually
        }
    }

    /** Every line of every file under {@code dirUri} (gs://bucket/dir/) whose last path segment {@code fileName} accepts. */
    void forEachLine(String dirUri, Predicate<String> fileName, Consumer<String> sink) {
        if (!dirUri.startsWith("gs://") || dirUri.indexOf('/', 5) < 0) {
            throw HttpErrors.malformed(provider, "output directory " + dirUri + " is not a gs:// URI");
        }
        int slash = dirUri.indexOf('/', 5);
        String dirBucket = dirUri.substring(5, slash);
        String prefix = dirUri.substring(slash + 1);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
        try {
            Page<Blob> page = storage.list(dirBucket, Storage.BlobListOption.prefix(prefix));
            for (Blob blob : page.iterateAll()) {
                String name = blob.getName();
                if (!fileName.test(name.substring(name.lastIndexOf('/') + 1))) continue;
                try (ReadChannel channel = storage.reader(blob.getBlobId());
                        BufferedReader reader = new BufferedReader(
                                new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (!line.isBlank()) sink.accept(line);
                    }
                }
            }
        } catch (StorageException e) {
            throw error(e);
        } catch (IOException e) {
            throw VertexErrors.map(provider, e);
        }
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception ignored) {
            // closing releases client resources only
        }
    }

    private SwitchboardException error(StorageException e) {
        int status = e.getCode() >= 400 ? e.getCode() : 502;
        return HttpErrors.fromStatus(provider, status, null, "Cloud Storage: " + e.getMessage(), e.getReason(), null);
    }
}
