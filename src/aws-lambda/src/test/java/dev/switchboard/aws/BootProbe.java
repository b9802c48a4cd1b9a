package dev.switchboard.aws;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Test bean: how many connections the idle providers' upstream had accepted when startup finished. With SnapStart
 * (full warmup) everything up to here runs before the snapshot, so this must be zero.
 */
@Singleton
public class BootProbe {
    static volatile Integer connectionsAtStartup;

    void started(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        connectionsAtStartup = LambdaEmulatorResource.idleConnections();
    }
}
