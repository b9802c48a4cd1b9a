package dev.switchboard.core.error;

/**
 * What every error carries besides its kind. {@code provider} and {@code upstreamStatus} are null for errors
 * raised by the gateway itself; {@code code} and {@code param} follow OpenAI's error object.
 */
public record ErrorInfo(String message, String provider, Integer upstreamStatus, String code, String param) {

    public static ErrorInfo of(String message) {
        return new ErrorInfo(message, null, null, null, null);
    }

    public static ErrorInfo upstream(String provider, int status, String message) {
        return new ErrorInfo(message, provider, status, null, null);
    }

    public ErrorInfo withCode(String newCode) {
        return new ErrorInfo(message, provider, upstreamStatus, newCode, param);
    }

    public ErrorInfo withParam(String newParam) {
        return new ErrorInfo(message, provider, upstreamStatus, code, newParam);
    }

    public ErrorInfo withProvider(String newProvider) {
        return new ErrorInfo(message, newProvider, upstreamStatus, code, param);
    }
}
