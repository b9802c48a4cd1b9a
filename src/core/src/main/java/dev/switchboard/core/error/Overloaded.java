package dev.switchboard.core.error;

/** The upstream is temporarily overloaded (Anthropic 529, HTTP 503). Retriable. */
public final class Overloaded extends SwitchboardException {

    public Overloaded(ErrorInfo info) {
        super(info, null);
    }

    public Overloaded(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public Overloaded(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return true;
    }

    @Override
    public int httpStatus() {
        return 503;
    }

    @Override
    public String openAiType() {
        return "server_error";
    }

    @Override
    public String kind() {
        return "overloaded";
    }

    @Override
    protected String defaultCode() {
        return "overloaded";
    }
}
