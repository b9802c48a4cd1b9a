package dev.switchboard.core.error;

/** The request is malformed or asks for something the target cannot do. Not retriable. */
public final class InvalidRequest extends SwitchboardException {

    public InvalidRequest(ErrorInfo info) {
        super(info, null);
    }

    public InvalidRequest(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public InvalidRequest(String message) {
        super(ErrorInfo.of(message), null);
    }

    /** An error about one request parameter; OpenAI clients show {@code param} beside the message. */
    public static InvalidRequest forParam(String param, String message) {
        return new InvalidRequest(ErrorInfo.of(message).withParam(param));
    }

    @Override public boolean retriable() { return false; }
    @Override public int httpStatus() { return 400; }
    @Override public String openAiType() { return "invalid_request_error"; }
    @Override public String kind() { return "invalid_request"; }
    @Override protected String defaultCode() { return null; }
}
