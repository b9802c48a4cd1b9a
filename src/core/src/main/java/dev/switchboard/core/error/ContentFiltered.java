package dev.switchboard.core.error;

/** The provider refused the prompt on safety grounds. Not retriable. */
public final class ContentFiltered extends SwitchboardException {

    public ContentFiltered(ErrorInfo info) {
        super(info, null);
    }

    public ContentFiltered(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public ContentFiltered(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public int httpStatus() {
        return 400;
    }

    @Override
    public String openAiType() {
        return "invalid_request_error";
    }

    @Override
    public String kind() {
        return "content_filter";
    }

    @Override
    protected String defaultCode() {
        return "content_filter";
    }
}
