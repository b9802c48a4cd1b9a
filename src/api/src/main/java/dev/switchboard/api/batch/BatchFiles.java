package dev.switchboard.api.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.batch.job.JobLayout;
import dev.switchboard.batch.store.BlobStoreException;
import dev.switchboard.batch.store.LocalDirectoryStore;
import dev.switchboard.core.http.Json;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The files of OpenAI's Files API: uploads ({@code files/<id>/content} + {@code file.json} in the batch directory)
 * and the output and error files of jobs, which are served from the job's own directory under their file ids
 * ({@code file-<batch id>-output}, {@code file-<batch id>-errors}).
 */
@Singleton
@IfBuildProperty(name = "switchboard.batch.api.enabled", stringValue = "true")
public class BatchFiles {
    private static final Pattern UPLOAD_ID = Pattern.compile("file-[0-9a-f]{32}");
    private static final Pattern JOB_FILE = Pattern.compile("file-(batch_[A-Za-z0-9_-]{1,64})-(output|errors)");
    static final String JOBS_PREFIX = "jobs/";

    private final LocalDirectoryStore store;
    private final Clock clock = Clock.systemUTC();

    public BatchFiles(BatchConfig config) {
        this.store = new LocalDirectoryStore(Paths.get(config.dir()));
    }

    LocalDirectoryStore store() {
        return store;
    }

    /** One stored file: its OpenAI File object and where its bytes are. */
    public record StoredFile(ObjectNode object, String key) {
        public String purpose() {
            return object.get("purpose").asText();
        }
    }

    /** Moves an uploaded (temporary) file into the store; the caller has checked purpose and size. */
    public StoredFile save(Path upload, String filename, String purpose) {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "");
        String key = contentKey(id);
        try {
            Path target = store.path(key);
            Files.createDirectories(target.getParent());
            Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING);
            ObjectNode object = object(id, Files.size(target), clock.instant().getEpochSecond(), filename, purpose);
            store.put(metaKey(id), Json.bytes(object));
            return new StoredFile(object, key);
        } catch (IOException e) {
            throw new BlobStoreException("cannot store the upload " + id, e);
        }
    }

    public Optional<StoredFile> find(String id) {
        if (id == null) return Optional.empty();
        if (UPLOAD_ID.matcher(id).matches()) {
            return store.get(metaKey(id)).map(b -> new StoredFile((ObjectNode) Json.parse(b), contentKey(id)));
        }
        var m = JOB_FILE.matcher(id);
        if (!m.matches()) return Optional.empty();
        JobLayout layout = new JobLayout(JOBS_PREFIX, m.group(1));
        boolean output = m.group(2).equals("output");
        String key = output ? layout.output() : layout.errors();
        Path path = store.path(key);
        if (!Files.isRegularFile(path)) return Optional.empty();
        try {
            long created = Files.getLastModifiedTime(path).toInstant().getEpochSecond();
            String name = m.group(1) + (output ? "_output.jsonl" : "_error.jsonl");
            return Optional.of(new StoredFile(object(id, Files.size(path), created, name, "batch_output"), key));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<InputStream> open(StoredFile file) {
        return store.open(file.key());
    }

    public boolean delete(String id) {
        Optional<StoredFile> file = find(id);
        if (file.isEmpty()) return false;
        store.delete(file.get().key());
        if (UPLOAD_ID.matcher(id).matches()) store.delete(metaKey(id));
        return true;
    }

    private static ObjectNode object(String id, long bytes, long createdAt, String filename, String purpose) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("object", "file");
        n.put("bytes", bytes);
        n.put("created_at", createdAt);
        n.put("filename", filename);
        n.put("purpose", purpose);
        n.put("status", "processed");
        n.putNull("expires_at");
        n.putNull("status_details");
        return n;
    }

    static String contentKey(String id) {
        return "files/" + id + "/content";
    }

    private static String metaKey(String id) {
        return "files/" + id + "/file.json";
    }

    static JsonNode deleted(String id) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("object", "file");
        n.put("deleted", true);
        return n;
    }
}
