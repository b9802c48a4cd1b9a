package dev.switchboard.core.error;

/** The request is malformed or asks for something the target cannot do. Not retriable. */
public final class InvalidRequest extends SwitchboardException {
    private final int status;

    public InvalidRequest(ErrorInfo info) {
        super(info, null);
        this.status = 400;
    }

    private InvalidRequest(ErrorInfo info, int status) {
        super(info, null);
        this.status = status;
    }

    public InvalidRequest(ErrorInfo info, Throwable cause) {
        super(info, cause);
        this.status = 400;
    }

    public InvalidRequest(String message) {
        this(ErrorInfo.of(message));
    }

    /** A body in a media type the gateway does not read (415): only JSON is, so no browser "simple request" gets in. */
    public static InvalidRequest unsupportedMediaType(String contentType) {
        return new InvalidRequest(
                ErrorInfo.of("Unsupported media type"
                                + (contentType == null
                                        ? ""
                                        : " '" + contentType.substring(0, Math.min(contentType.length(), 100)) + "'")
                                + ": send application/json.")
                        .withCode("unsupported_media_type"),
                415);
    }

    /** An error about one request parameter; OpenAI clients show {@code param} beside the message. */
    public static InvalidRequest forParam(String param, String message) {
        return new InvalidRequest(ErrorInfo.of(message).withParam(param));
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    @Override
    public String openAiType() {
        return "invalid_request_error";
    }

    @Override
    public String kind() {
        return "invalid_request";
    }

    @Override
    protected String defaultCode() {
        return null;
    }
}
