package dev.switchboard.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchboard.auth.ApiKeys;
import dev.switchboard.emulator.dynamodb.DynamoDbEmulator;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The Lambda package with {@code switchboard.auth.store} and {@code .ledger} = dynamodb, on the wire-level DynamoDB
 * emulator: a key created through the admin API lives in the table, its calls are counted there, and its rate limit
 * holds.
 */
@QuarkusTest
@TestProfile(LambdaDynamoDbKeysTest.Profile.class)
@QuarkusTestResource(value = LambdaEmulatorResource.class, restrictToAnnotatedClass = false)
class LambdaDynamoDbKeysTest {
    static final String ADMIN = ApiKeys.generate("admin");
    static final String TABLE = "sb-test-auth";

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
        static DynamoDbEmulator ddb;

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                ddb = DynamoDbEmulator.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client().createTable(b -> b.tableName(TABLE)
                    .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST"));
            return Map.of(
                    "switchboard.auth.mode",
                    "keys",
                    "switchboard.auth.admin-key-hash",
                    ApiKeys.hash(ADMIN),
                    "switchboard.auth.store",
                    "dynamodb",
                    "switchboard.auth.ledger",
                    "dynamodb",
                    "switchboard.auth.dynamodb.table",
                    TABLE,
                    "switchboard.auth.dynamodb.region",
                    "eu-west-1",
                    "switchboard.auth.dynamodb.endpoint-override",
                    ddb.endpoint().toString());
        }
    }

    static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(Profile.ddb.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String chat() {
        return "{\"model\":\"emu-bedrock/emulator-1\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";
    }

    @Test
    void aKeyMadeThroughTheAdminApiLivesInDynamoDbAndItsLimitHolds() {
        String key = given().header("authorization", "Bearer " + ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"id\":\"ddb1\",\"tenant\":\"acme\",\"limits\":{\"requests_per_minute\":1}}")
                .post("/admin/keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        try (DynamoDbClient c = client()) {
            Map<String, AttributeValue> stored = c.getItem(b -> b.tableName(TABLE)
                            .key(Map.of("pk", AttributeValue.fromS("K"), "sk", AttributeValue.fromS("ddb1"))))
                    .item();
            assertThat(stored.get("hash").s()).isEqualTo(ApiKeys.hash(key));
            assertThat(stored.toString()).doesNotContain(key);

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

            String day = Long.toString(NOW.truncatedTo(ChronoUnit.DAYS).getEpochSecond());
            Map<String, AttributeValue> row = c.getItem(b -> b.tableName(TABLE)
                            .key(Map.of("pk", AttributeValue.fromS("L#d#" + day), "sk", AttributeValue.fromS("ddb1"))))
                    .item();
            assertThat(row.get("r").n()).isEqualTo("1");
            assertThat(row.get("tenant").s()).isEqualTo("acme");
            assertThat(Long.parseLong(row.get("c").n())).isPositive();
        }
    }
}
