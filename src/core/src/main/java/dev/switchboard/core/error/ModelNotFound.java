package dev.switchboard.core.error;

/** No such provider, route or model. */
public final class ModelNotFound extends SwitchboardException {

    public ModelNotFound(ErrorInfo info) {
        super(info, null);
    }

    public ModelNotFound(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public ModelNotFound(String message) {
        super(ErrorInfo.of(message), null);
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public int httpStatus() {
        return 404;
    }

    @Override
    public String openAiType() {
        return "invalid_request_error";
    }

    @Override
    public String kind() {
        return "model_not_found";
    }

    @Override
    protected String defaultCode() {
        return "model_not_found";
    }
}
