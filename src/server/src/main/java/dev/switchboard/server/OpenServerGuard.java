package dev.switchboard.server;

import dev.switchboard.api.auth.AccessControl;
import dev.switchboard.api.auth.AuthConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The safe default of the local server: it will not listen on a non-loopback address without gateway keys unless
 * {@code switchboard.auth.mode: none} says so explicitly. On localhost (dev mode, tests) it stays open.
 */
@Singleton
public class OpenServerGuard {
    private static final Logger LOG = Logger.getLogger(OpenServerGuard.class);

    void check(
            @Observes StartupEvent event,
            AccessControl access,
            AuthConfig auth,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        boolean loopback = isLoopback(host);
        if (access.mode() == AuthConfig.Mode.NONE && auth.mode().isEmpty() && !loopback) {
            throw new ConfigurationException("switchboard.auth: the server would listen on " + host
                    + " with no gateway keys, open to anyone who can reach it. Configure switchboard.auth.keys"
                    + " (see README, \"Gateway keys\"), bind to localhost (quarkus.http.host=127.0.0.1), or set"
                    + " switchboard.auth.mode=none to run open on purpose.");
        }
        if (access.mode() != AuthConfig.Mode.KEYS && !loopback) {
            LOG.warnf(
                    "switchboard.auth.mode=%s on %s: requests are not authenticated by the gateway",
                    access.mode().name().toLowerCase(java.util.Locale.ROOT), host);
        }
    }

    static boolean isLoopback(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
