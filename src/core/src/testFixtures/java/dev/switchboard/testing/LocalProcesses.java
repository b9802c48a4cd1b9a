package dev.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the tests that start a runtime as a process, or point one at emulators, share. */
public final class LocalProcesses {
    private LocalProcesses() {}

    /** A loopback port free right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the process to end, then kills it after 10 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Adds {@code switchboard.providers.<id>.type} and the provider's other settings to a test configuration. */
    public static void provider(Map<String, String> config, String id, String type, Map<String, String> settings) {
        config.put("switchboard.providers." + id + ".type", type);
        settings.forEach((k, v) -> config.put("switchboard.providers." + id + "." + k, v));
    }
}
