package dev.switchboard.core.error;

/** The provider exists in config but cannot be used (e.g. its credentials are missing). */
public final class NotConfigured extends SwitchboardException {

    public NotConfigured(ErrorInfo info) {
        super(info, null);
    }

    public NotConfigured(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public NotConfigured(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return false;
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
        return "not_configured";
    }

    @Override
    protected String defaultCode() {
        return "provider_not_configured";
    }
}
