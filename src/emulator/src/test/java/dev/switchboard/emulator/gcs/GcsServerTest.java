package dev.switchboard.emulator.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The emulator's Cloud Storage server over plain HTTP. */
class GcsServerTest {
    private static final int ROUNDS = 300;
    private static final int WRITERS = 8;

    /**
     * Regression: the object map is a {@code ConcurrentSkipListMap}, whose {@code compute} may apply its function
     * twice when two first inserts race; the first application's "created" flag survived the retry, so about one round
     * in forty answered 200 to two {@code ifGenerationMatch=0} uploads (seen as {@code GcsBlobStoreTest}'s
     * {@code ofWritersRacingForOneKeyExactlyOneWins} failing in CI). Exactly one writer per round may get 200, and the
     * stored object must be that writer's.
     */
    @Test
    void ofRacingCreateOnlyUploadsExactlyOneGets200AndItsContentIsStored() throws Exception {
        try (GcsServer server = GcsServer.start();
                HttpClient http = HttpClient.newHttpClient();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < ROUNDS; round++) {
                String bucket = "race-" + round;
                URI uri = URI.create(server.endpoint() + "/upload/storage/v1/b/" + bucket
                        + "/o?uploadType=media&name=key&ifGenerationMatch=0");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    HttpRequest upload = HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString("writer-" + w))
                            .build();
                    statuses.add(pool.submit(() -> {
                        start.await();
                        return http.send(upload, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    }));
                }
                start.countDown();
                List<Integer> winners = new ArrayList<>();
                int preconditionFailed = 0;
                for (int w = 0; w < WRITERS; w++) {
                    int status = statuses.get(w).get();
                    if (status == 200) winners.add(w);
                    else if (status == 412) preconditionFailed++;
                }
                assertThat(winners).as("round %d: writers answered 200", round).hasSize(1);
                assertThat(preconditionFailed).as("round %d: 412s", round).isEqualTo(WRITERS - 1);
                assertThat(new String(server.read(bucket, "key"), StandardCharsets.UTF_8))
                        .isEqualTo("writer-" + winners.get(0));
            }
        }
    }
}
