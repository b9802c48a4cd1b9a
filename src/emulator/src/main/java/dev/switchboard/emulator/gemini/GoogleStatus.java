package dev.switchboard.emulator.gemini;

/**
 * HTTP status → Google canonical code name, shared by the Gemini (JSON {@code error.status}) and Vertex
 * (gRPC status) front ends so both map a fault the same way.
 */
public final class GoogleStatus {

    private GoogleStatus() {}

    public static String forHttp(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 412 -> "FAILED_PRECONDITION";
            case 416 -> "OUT_OF_RANGE";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 500 -> "INTERNAL";
            case 501 -> "UNIMPLEMENTED";
            case 502, 503, 529 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }

    /** Google attaches a RetryInfo to every RESOURCE_EXHAUSTED; the delay defaults to 1 s without ra. */
    public static long retryDelaySeconds(Integer retryAfterSeconds) {
        return retryAfterSeconds != null ? retryAfterSeconds : 1;
    }

    public static boolean carriesRetryInfo(int status, Integer retryAfterSeconds) {
        return status == 429 || retryAfterSeconds != null;
    }
}
