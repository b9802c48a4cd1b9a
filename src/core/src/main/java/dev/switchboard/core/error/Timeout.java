package dev.switchboard.core.error;

/** The upstream did not answer (or stopped answering) in time. Retriable. */
public final class Timeout extends SwitchboardException {

    public Timeout(ErrorInfo info) {
        super(info, null);
    }

    public Timeout(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public Timeout(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return true;
    }

    @Override
    public int httpStatus() {
        return 504;
    }

    @Override
    public String openAiType() {
        return "server_error";
    }

    @Override
    public String kind() {
        return "timeout";
    }

    @Override
    protected String defaultCode() {
        return "timeout";
    }
}
