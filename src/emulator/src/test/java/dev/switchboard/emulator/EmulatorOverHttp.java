package dev.switchboard.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that talks to one emulator (HTTP only) started for the class and closed after it. */
public abstract class EmulatorOverHttp {
    protected static Emulator emulator;
    protected static TestHttp http;

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.start(EmulatorOptions.defaults().withoutGrpc());
        http = new TestHttp(emulator.httpBaseUri());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }
}
