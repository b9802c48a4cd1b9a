package dev.switchboard.core.error;

/**
 * The upstream rejected the gateway's own credentials (401/403). The caller did nothing wrong, so this is a
 * 502, not a 401 that clients would read as "your key is bad". Not retriable; a route may fall over.
 */
public final class AuthFailed extends SwitchboardException {

    public AuthFailed(ErrorInfo info) {
        super(info, null);
    }

    public AuthFailed(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public AuthFailed(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public int httpStatus() {
        return 502;
    }

    @Override
    public String openAiType() {
        return "authentication_error";
    }

    @Override
    public String kind() {
        return "auth_failed";
    }

    @Override
    protected String defaultCode() {
        return "upstream_auth_failed";
    }
}
