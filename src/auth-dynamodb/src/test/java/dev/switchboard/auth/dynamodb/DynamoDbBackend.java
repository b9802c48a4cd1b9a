package dev.switchboard.auth.dynamodb;

import dev.switchboard.emulator.dynamodb.DynamoDbEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** One emulator per test JVM, a table created through the real SDK, and clients pointed at it. */
final class DynamoDbBackend {

    static final String TABLE = "switchboard-ledger";
    private static DynamoDbEmulator emulator;

    private DynamoDbBackend() {}

    static synchronized DynamoDbEmulator emulator() {
        if (emulator == null) {
            try {
                emulator = DynamoDbEmulator.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            DynamoDbClient c = newClient();
            c.createTable(b -> b.tableName(TABLE)
                    .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST"));
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    /** A client as a gateway instance builds one, with test credentials (the emulator does not verify them). */
    static DynamoDbClient newClient() {
        return DynamoDbClient.builder()
                .endpointOverride(emulator().endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)))
                .build();
    }
}
