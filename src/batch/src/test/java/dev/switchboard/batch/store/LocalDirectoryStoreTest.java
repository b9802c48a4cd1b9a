package dev.switchboard.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.batch.testing.BlobStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BlobStore newStore() {
        return new LocalDirectoryStore(dir.resolve("store"));
    }

    @Test
    void keysCannotEscapeTheDirectory() {
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a//b", "a/", ""}) {
            assertThatThrownBy(() -> store.put(bad, new byte[1])).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        store.put("a/b", new byte[] {1});
        store.createIfAbsent("a/c", new byte[] {2});
        store.createIfAbsent("a/c", new byte[] {3});
        try (var files = Files.list(dir.resolve("store/a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("b", "c");
        }
    }
}
