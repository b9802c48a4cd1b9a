package dev.switchboard.server.keys;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Keys and ledger in Redis ({@link RedisKeysResource}). */
public class RedisKeysProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisKeysResource.class));
    }
}
