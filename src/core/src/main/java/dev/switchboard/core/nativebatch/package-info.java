/**
 * The provider side of native batch jobs: the SPI each provider with an asynchronous batch API implements ({@link
 * dev.switchboard.core.nativebatch.NativeBatchApi}), reached through {@link
 * dev.switchboard.core.spi.ChatProvider#nativeBatch()}. The orchestration (modes, the auto decision, polling,
 * collecting results, cost records) lives in the batch module.
 */
package dev.switchboard.core.nativebatch;
