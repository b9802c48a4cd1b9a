package dev.switchboard.auth.firestore;

import com.google.cloud.firestore.Firestore;
import dev.switchboard.emulator.firestore.FirestoreEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One in-process gRPC Firestore per test JVM and real clients pointed at it in plaintext. */
final class FirestoreBackend {

    private static FirestoreEmulator emulator;

    private FirestoreBackend() {}

    static synchronized FirestoreEmulator emulator() {
        if (emulator == null) {
            try {
                emulator = FirestoreEmulator.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    /** A client as a gateway instance builds one (config: endpoint + plaintext). */
    static Firestore newClient() {
        return FirestoreCalls.client("test-project", "(default)", emulator().host(), true);
    }
}
