package dev.switchboard.core.error;

/** The request body exceeds the configured limit. */
public final class RequestTooLarge extends SwitchboardException {

    public RequestTooLarge(ErrorInfo info) {
        super(info, null);
    }

    public RequestTooLarge(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public RequestTooLarge(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public int httpStatus() {
        return 413;
    }

    @Override
    public String openAiType() {
        return "invalid_request_error";
    }

    @Override
    public String kind() {
        return "request_too_large";
    }

    @Override
    protected String defaultCode() {
        return "request_too_large";
    }
}
