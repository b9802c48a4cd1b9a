package dev.switchboard.batch;

import dev.switchboard.batch.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a job's input file from its start; called once to validate and once per run. A missing input throws
 * {@link NoSuchFileException} (the job then fails), any other {@link IOException} is a storage failure to retry.
 */
@FunctionalInterface
public interface InputSource {
    InputStream open() throws IOException;

    static InputSource file(Path path) {
        return () -> Files.newInputStream(path);
    }

    static InputSource blob(BlobStore store, String key) {
        return () -> store.open(key).orElseThrow(() -> new NoSuchFileException(key));
    }
}
