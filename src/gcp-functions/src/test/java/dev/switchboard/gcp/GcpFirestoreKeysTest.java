package dev.switchboard.gcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import dev.switchboard.auth.ApiKeys;
import dev.switchboard.auth.firestore.FirestoreCalls;
import dev.switchboard.emulator.firestore.FirestoreEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The GCP package with {@code switchboard.auth.store} and {@code .ledger} = firestore, on the in-process gRPC
 * Firestore: a key created through the admin API is a document, its calls are counted in the row documents, and its
 * rate limit holds.
 */
@QuarkusTest
@TestProfile(GcpFirestoreKeysTest.Profile.class)
@QuarkusTestResource(GcpEmulatorResource.class)
class GcpFirestoreKeysTest {
    static final String ADMIN = ApiKeys.generate("admin");
    static final Instant NOW = Instant.parse("2030-01-15T12:00:30Z");

    /** The ledger's clock, standing still (enabled for this profile only), so both calls fall in one minute. */
    @Alternative
    @Singleton
    public static class FixedClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW;
        }
    }

    public static class Profile implements QuarkusTestProfile {
        static FirestoreEmulator firestore;

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                firestore = FirestoreEmulator.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "switchboard.auth.mode",
                    "keys",
                    "switchboard.auth.admin-key-hash",
                    ApiKeys.hash(ADMIN),
                    "switchboard.auth.store",
                    "firestore",
                    "switchboard.auth.ledger",
                    "firestore",
                    "switchboard.auth.firestore.project",
                    "test-project",
                    "switchboard.auth.firestore.prefix",
                    "sbtest",
                    "switchboard.auth.firestore.endpoint",
                    firestore.host(),
                    "switchboard.auth.firestore.plaintext",
                    "true");
        }
    }

    private static String chat() {
        return "{\"model\":\"emu/emulator-1\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
    }

    @Test
    void aKeyMadeThroughTheAdminApiLivesInFirestoreAndItsLimitHolds() throws Exception {
        String key = given().header("authorization", "Bearer " + ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"id\":\"fs1\",\"tenant\":\"acme\",\"limits\":{\"requests_per_minute\":1}}")
                .post("/admin/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        try (Firestore db = FirestoreCalls.client("test-project", "(default)", Profile.firestore.host(), true)) {
            DocumentSnapshot stored =
                    db.collection("sbtest_keys").document("fs1").get().get();
            assertThat(stored.getString("hash")).isEqualTo(ApiKeys.hash(key));
            assertThat(stored.getData().toString()).doesNotContain(key);

            given().header("authorization", "Bearer " + key)
                    .contentType(ContentType.JSON)
                    .body(chat())
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(200);
            given().header("authorization", "Bearer " + key)
                    .contentType(ContentType.JSON)
                    .body(chat())
                    .post("/v1/chat/completions")
                    .then()
                    .statusCode(429)
                    .body("error.code", equalTo("rate_limit_exceeded"));

            long day = NOW.truncatedTo(ChronoUnit.DAYS).getEpochSecond();
            DocumentSnapshot row = db.collection("sbtest_windows")
                    .document("d_" + day)
                    .collection("rows")
                    .document("fs1")
                    .get()
                    .get();
            assertThat(row.getLong("r")).isEqualTo(1L);
            assertThat(row.getString("tenant")).isEqualTo("acme");
        }
    }
}
