package dev.switchboard.emulator.behavior;

/**
 * An error to deliver in a protocol's own error shape.
 *
 * @param status            HTTP status (gRPC front ends map it to a status code)
 * @param message           human-readable message
 * @param retryAfterSeconds Retry-After / RetryInfo, or null
 */
public record Failure(int status, String message, Integer retryAfterSeconds) {

    /** The error a {@code fault-<status>} token asks for. */
    public static Failure injected(FaultSpec fault, String model) {
        return new Failure(
                fault.status(),
                "Emulated fault: HTTP " + fault.status() + " injected by model name " + model,
                fault.retryAfterSeconds());
    }

    public static Failure of(int status, String message) {
        return new Failure(status, message, null);
    }
}
