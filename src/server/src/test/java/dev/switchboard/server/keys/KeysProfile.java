package dev.switchboard.server.keys;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gateway keys from config in a mutable in-process store (so the admin API can write), the in-process ledger, and
 * the application log in a file the tests grep for leaked keys.
 */
public class KeysProfile implements QuarkusTestProfile {
    static final Path LOG;

    static {
        try {
            LOG = Files.createTempFile("switchboard-keys-log-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new LinkedHashMap<>(TestKeys.config());
        c.put("switchboard.auth.store", "memory");
        c.put("quarkus.log.file.enabled", "true");
        c.put("quarkus.log.file.path", LOG.toString());
        c.put("quarkus.log.category.\"dev.switchboard\".level", "DEBUG");
        return c;
    }
}
