package dev.switchboard.auth.dynamodb;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.auth.ApiKeys;
import dev.switchboard.auth.GatewayKey;
import dev.switchboard.auth.ledger.AdmitRequest;
import dev.switchboard.auth.ledger.Amounts;
import dev.switchboard.auth.ledger.LedgerUnavailable;
import dev.switchboard.auth.ledger.Reservation;
import dev.switchboard.emulator.dynamodb.DynamoDbEmulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A backend that cannot be reached, or a table that does not exist, is {@link LedgerUnavailable}, never a crash. */
class DynamoDbUnavailableTest {

    private static DynamoDbClient clientOn(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    @Test
    void aStoppedBackendIsLedgerUnavailable() throws Exception {
        URI gone;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.start()) {
            gone = emulator.endpoint();
        }
        DynamoDbLedger ledger = new DynamoDbLedger(clientOn(gone), "t", Duration.ofDays(1));
        DynamoDbKeyStore keys = new DynamoDbKeyStore(clientOn(gone), "t");
        Instant now = Instant.parse("2026-03-01T00:00:00Z");

        assertThatThrownBy(() -> ledger.admit(new AdmitRequest("k", null, now, Amounts.request(1, 1), List.of())))
                .isInstanceOf(LedgerUnavailable.class)
                .hasMessageStartingWith("dynamodb: ");
        assertThatThrownBy(() -> ledger.settle(Reservation.none("k", null, now), Amounts.request(1, 1)))
                .isInstanceOf(LedgerUnavailable.class);
        assertThatThrownBy(() -> keys.get("k")).isInstanceOf(LedgerUnavailable.class);
    }

    @Test
    void aMissingTableIsLedgerUnavailable() {
        DynamoDbKeyStore keys =
                new DynamoDbKeyStore(clientOn(DynamoDbBackend.emulator().endpoint()), "no-such-table");

        assertThatThrownBy(() -> keys.create(GatewayKey.of("k", ApiKeys.hash("sb-k-x"))))
                .isInstanceOf(LedgerUnavailable.class)
                .hasMessageContaining("ResourceNotFoundException");
    }
}
