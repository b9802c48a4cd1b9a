/**
 * The gateway's observer SPI for traces and metrics: the core says what happened (attempts, their outcomes, usage,
 * cost, circuit changes, batch lines), an implementation outside the core turns it into telemetry. Framework-free;
 * the default observer does nothing.
 */
package dev.switchboard.core.telemetry;
