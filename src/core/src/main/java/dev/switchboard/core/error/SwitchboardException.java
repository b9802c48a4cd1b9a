package dev.switchboard.core.error;

/**
 * Every failure the gateway reports. Each kind knows whether trying again can help, which HTTP status the
 * caller gets and which OpenAI error type describes it. Messages never contain credentials or prompts.
 */
public abstract sealed class SwitchboardException extends RuntimeException
        permits InvalidRequest,
                AuthFailed,
                ModelNotFound,
                RateLimited,
                Timeout,
                Overloaded,
                UpstreamError,
                ContentFiltered,
                NotConfigured,
                RequestTooLarge,
                AllTargetsFailed,
                AccessDenied {

    private final ErrorInfo info;

    protected SwitchboardException(ErrorInfo info, Throwable cause) {
        // No stack trace: these are expected outcomes, reported to callers, not bugs.
        super(info.message(), cause, true, false);
        this.info = info;
    }

    /** True when the same request may succeed if sent again (to the same target, after a pause). */
    public abstract boolean retriable();

    /** The status the gateway answers with. */
    public abstract int httpStatus();

    /** OpenAI's error.type for this kind. */
    public abstract String openAiType();

    /** A short, stable name for this kind, used as the outcome of cost records. */
    public abstract String kind();

    /** OpenAI's error.code: the provider's code when it gave one, else a default for the kind. */
    public String code() {
        return info.code() != null ? info.code() : defaultCode();
    }

    protected String defaultCode() {
        return null;
    }

    public String param() {
        return info.param();
    }

    public String provider() {
        return info.provider();
    }

    public Integer upstreamStatus() {
        return info.upstreamStatus();
    }

    public ErrorInfo info() {
        return info;
    }

    /** True when the caller sent something no target can serve, so falling over to another target is pointless. */
    public boolean callerFault() {
        return this instanceof InvalidRequest || this instanceof ContentFiltered || this instanceof RequestTooLarge;
    }
}
