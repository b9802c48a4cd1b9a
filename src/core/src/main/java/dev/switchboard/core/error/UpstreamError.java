package dev.switchboard.core.error;

/**
 * The upstream failed: a 5xx, a broken connection, or an answer the gateway could not read. Retriable unless
 * built otherwise (e.g. an unexpected 4xx the mapper did not recognize).
 */
public final class UpstreamError extends SwitchboardException {
    private final boolean retriable;

    public UpstreamError(ErrorInfo info, boolean retriable, Throwable cause) {
        super(info, cause);
        this.retriable = retriable;
    }

    public UpstreamError(ErrorInfo info, boolean retriable) {
        this(info, retriable, null);
    }

    @Override
    public boolean retriable() {
        return retriable;
    }

    @Override
    public int httpStatus() {
        return 502;
    }

    @Override
    public String openAiType() {
        return "server_error";
    }

    @Override
    public String kind() {
        return "upstream_error";
    }

    @Override
    protected String defaultCode() {
        return "upstream_error";
    }
}
