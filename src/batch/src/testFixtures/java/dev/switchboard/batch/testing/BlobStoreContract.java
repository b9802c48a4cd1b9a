package dev.switchboard.batch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.batch.store.BlobStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} must do, whatever is behind it. A store's test extends this and builds a fresh,
 * empty store (its own bucket or directory) in {@link #newStore()}.
 */
public abstract class BlobStoreContract {

    protected BlobStore store;

    /** A store holding nothing, used by one test. */
    protected abstract BlobStore newStore() throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String text(String key) {
        return store.get(key).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void aMissingKeyReadsAsEmpty() {
        assertThat(store.get("jobs/none/batch.json")).isEmpty();
        assertThat(store.open("jobs/none/batch.json")).isEmpty();
        assertThat(store.exists("jobs/none/batch.json")).isFalse();
        assertThat(store.delete("jobs/none/batch.json")).isFalse();
        assertThat(store.list("jobs/none/")).isEmpty();
    }

    @Test
    void putThenGetReturnsTheBytesAndPutReplaces() throws Exception {
        store.put("a/b/c.json", bytes("{\"v\":1}"));
        assertThat(text("a/b/c.json")).isEqualTo("{\"v\":1}");
        assertThat(store.exists("a/b/c.json")).isTrue();
        store.put("a/b/c.json", bytes("{\"v\":2}"));
        assertThat(text("a/b/c.json")).isEqualTo("{\"v\":2}");
        try (InputStream in = store.open("a/b/c.json").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
        }
    }

    @Test
    void emptyAndBinaryBlobsRoundTrip() {
        store.put("empty", new byte[0]);
        assertThat(store.get("empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;
        assertThat(store.createIfAbsent("bin/x", binary)).isTrue();
        assertThat(store.get("bin/x")).hasValueSatisfying(b -> assertThat(b).isEqualTo(binary));
    }

    @Test
    void createIfAbsentWritesOnceAndNeverReplaces() {
        assertThat(store.createIfAbsent("jobs/j1/results/00000001.json", bytes("first")))
                .isTrue();
        assertThat(store.createIfAbsent("jobs/j1/results/00000001.json", bytes("second")))
                .isFalse();
        assertThat(text("jobs/j1/results/00000001.json")).isEqualTo("first");
        store.put("jobs/j1/batch.json", bytes("x"));
        assertThat(store.createIfAbsent("jobs/j1/batch.json", bytes("y"))).isFalse();
        assertThat(text("jobs/j1/batch.json")).isEqualTo("x");
    }

    @Test
    void ofWritersRacingForOneKeyExactlyOneWins() throws Exception {
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String content = "writer-" + i;
            tasks.add(() -> {
                start.await();
                return store.createIfAbsent("race/key", bytes(content));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> t : tasks) results.add(pool.submit(t));
            start.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) if (f.get()) wins++;
            assertThat(wins).isEqualTo(1);
            assertThat(text("race/key")).startsWith("writer-");
            assertThat(store.list("race/")).containsExactly("race/key");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listReturnsKeysUnderThePrefixInAscendingOrder() {
        store.put("jobs/j2/results/00000010.json", bytes("10"));
        store.put("jobs/j2/results/00000002.json", bytes("2"));
        store.put("jobs/j2/batch.json", bytes("b"));
        store.put("jobs/j20/batch.json", bytes("other"));
        store.put("files/f1", bytes("f"));
        assertThat(store.list("jobs/j2/results/"))
                .containsExactly("jobs/j2/results/00000002.json", "jobs/j2/results/00000010.json");
        assertThat(store.list("jobs/j2/"))
                .containsExactly(
                        "jobs/j2/batch.json", "jobs/j2/results/00000002.json", "jobs/j2/results/00000010.json");
        assertThat(store.list("jobs/j2")).contains("jobs/j20/batch.json");
        assertThat(store.list("")).hasSize(5);
    }

    @Test
    void deleteRemovesOnlyThatKey() {
        store.put("files/f1", bytes("1"));
        store.put("files/f2", bytes("2"));
        assertThat(store.delete("files/f1")).isTrue();
        assertThat(store.get("files/f1")).isEmpty();
        assertThat(store.list("files/")).containsExactly("files/f2");
        assertThat(store.createIfAbsent("files/f1", bytes("again"))).isTrue();
    }

    @Test
    void manyKeysListCompletely() {
        for (int i = 0; i < 1_200; i++) store.createIfAbsent(String.format("many/%05d", i), bytes(Integer.toString(i)));
        List<String> keys = store.list("many/");
        assertThat(keys).hasSize(1_200);
        assertThat(keys.get(0)).isEqualTo("many/00000");
        assertThat(keys.get(1_199)).isEqualTo("many/01199");
    }
}
