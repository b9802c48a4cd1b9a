package dev.switchboard.provider.bedrock;

import dev.switchboard.core.error.AuthFailed;
import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.ModelNotFound;
import dev.switchboard.core.error.NotConfigured;
import dev.switchboard.core.error.Overloaded;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.SwitchboardException;
import dev.switchboard.core.error.Timeout;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * SDK exceptions → the sealed error type. The AWS error code (the modeled exception's name, e.g.
 * ThrottlingException) decides the kind — it is the same in the runtime and control-plane SDKs and in exception
 * events inside a stream. Codes the table does not know,
 * and answers that carry none, are judged by HTTP status like every HTTP provider. The upstream status and the
 * AWS code are kept in the error; the message is Bedrock's own, with anything credential-like scrubbed.
 */
final class BedrockErrors {
    private BedrockErrors() {}

    static SwitchboardException map(String provider, Throwable thrown) {
        Throwable t = unwrap(thrown);
        return switch (t) {
            case SwitchboardException e -> e;
            case AwsServiceException e -> service(provider, e);
            case ApiCallTimeoutException e ->
                new Timeout(
                        ErrorInfo.of(provider + ": no answer in time (" + e.getMessage() + ")")
                                .withProvider(provider),
                        e);
            case ApiCallAttemptTimeoutException e ->
                new Timeout(
                        ErrorInfo.of(provider + ": no answer in time (" + e.getMessage() + ")")
                                .withProvider(provider),
                        e);
            case SdkClientException e
            when missingCredentials(e) ->
                new NotConfigured(
                        ErrorInfo.of(provider + ": no AWS credentials found (" + HttpErrors.scrub(e.getMessage()) + ")")
                                .withProvider(provider),
                        e);
            case SdkClientException e ->
                new UpstreamError(
                        ErrorInfo.of(provider + ": could not reach Amazon Bedrock (" + HttpErrors.scrub(e.getMessage())
                                        + ")")
                                .withProvider(provider)
                                .withCode("connection_error"),
                        true,
                        e);
            case CancellationException e ->
                new UpstreamError(
                        ErrorInfo.of(provider + ": the call was cancelled").withProvider(provider), false, e);
            default ->
                new UpstreamError(
                        ErrorInfo.of(provider + ": unexpected failure ("
                                        + t.getClass().getSimpleName() + ")")
                                .withProvider(provider),
                        false,
                        t);
        };
    }

    private static SwitchboardException service(String provider, AwsServiceException e) {
        var details = e.awsErrorDetails();
        String code = codeOf(details == null ? null : details.errorCode());
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        int status = e.statusCode();
        // An exception event inside a stream gets the status AWS models for its type (429 for throttling), as the
        // same error before the stream would; an unmodeled one keeps the stream's 200, which the default below
        // treats as a broken stream rather than a success.
        Integer upstreamStatus = status > 0 ? status : null;
        String text =
                provider + ": " + (message == null || message.isBlank() ? "HTTP " + status : HttpErrors.scrub(message));
        ErrorInfo info = new ErrorInfo(text, provider, upstreamStatus, code, null);
        String kind = code != null ? code : e.getClass().getSimpleName();
        return switch (kind) {
            case "ThrottlingException", "TooManyRequestsException", "ServiceQuotaExceededException" ->
                new RateLimited(info, retryAfter(details));
            case "ServiceUnavailableException", "ModelNotReadyException" -> new Overloaded(info);
            case "ModelTimeoutException" -> new Timeout(info, e);
            case "ValidationException" -> new InvalidRequest(info, e);
            case "AccessDeniedException",
                    "UnrecognizedClientException",
                    "ExpiredTokenException",
                    "InvalidSignatureException" -> new AuthFailed(info, e);
            case "ResourceNotFoundException" -> new ModelNotFound(info, e);
            case "InternalServerException", "ModelStreamErrorException" -> new UpstreamError(info, true, e);
            // The model itself failed on this input (HTTP 424); the same input would fail again.
            case "ModelErrorException" -> new UpstreamError(info, false, e);
            default ->
                status >= 200 && status < 300
                        ? new UpstreamError(info, true, e)
                        : HttpErrors.fromStatus(provider, status, null, message, code, null);
        };
    }

    /**
     * The wait a throttling answer asks for, when it carries Retry-After (or retry-after-ms), as the other
     * providers' do; without it the gateway's own backoff applies. Exception events inside a stream have none.
     */
    private static Duration retryAfter(AwsErrorDetails details) {
        if (details == null || details.sdkHttpResponse() == null) return null;
        return RetryAfter.from(HttpHeaders.of(details.sdkHttpResponse().headers(), (name, value) -> true));
    }

    /**
     * Exception events in a stream are named by their event-stream member ("throttlingException"), HTTP errors by
     * their type ("ThrottlingException"); both read the same here.
     */
    private static String codeOf(String raw) {
        if (raw == null || raw.isEmpty()) return null;
        return Character.toUpperCase(raw.charAt(0)) + raw.substring(1);
    }

    /** The default chain's "Unable to load credentials from any of the providers in the chain ...". */
    private static boolean missingCredentials(SdkClientException e) {
        String m = e.getMessage();
        return m != null && m.startsWith("Unable to load credentials");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        // The async client wraps service and client exceptions once more in an SdkClientException at times.
        if (cur instanceof SdkClientException && cur.getCause() instanceof AwsServiceException inner) return inner;
        return cur;
    }
}
