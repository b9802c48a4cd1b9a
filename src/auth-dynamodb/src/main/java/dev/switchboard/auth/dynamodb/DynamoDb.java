package dev.switchboard.auth.dynamodb;

import dev.switchboard.auth.ledger.LedgerUnavailable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The client, attribute helpers and the one place SDK failures become {@link LedgerUnavailable}. */
public final class DynamoDb {

    private DynamoDb() {}

    /**
     * A client on the default credentials chain (the Lambda role), or on {@code endpoint} when set (tests, local
     * stand-ins).
     */
    public static DynamoDbClient client(String region, URI endpoint, Duration timeout) {
        DynamoDbClientBuilder b = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout))
                .overrideConfiguration(o -> o.apiCallTimeout(timeout.multipliedBy(3)));
        if (region != null && !region.isBlank()) {
            b.region(Region.of(region));
        }
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    /**
     * Runs an SDK call; conditional failures pass through (callers decide what they mean), every other SDK failure
     * (network, throttling after the SDK's retries, access denied, missing table) is the backend being unavailable.
     */
    static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            throw new LedgerUnavailable("dynamodb: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(DynamoDbLedger.PK, s(pk), DynamoDbLedger.SK, s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null ? null : v.s();
    }
}
