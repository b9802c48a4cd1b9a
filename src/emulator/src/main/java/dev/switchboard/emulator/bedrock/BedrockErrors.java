package dev.switchboard.emulator.bedrock;

/**
 * Bedrock error names. Over HTTP the name travels in {@code x-amzn-ErrorType}; inside an event stream in
 * {@code :exception-type}, spelled as the ConverseStream output union member (lower camel case), and only
 * the members that union has.
 */
final class BedrockErrors {

    private BedrockErrors() {}

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 401, 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 409 -> "ConflictException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> status >= 500 ? "InternalServerException" : "ValidationException";
        };
    }

    static String streamExceptionType(int status) {
        return switch (status) {
            case 400 -> "validationException";
            case 424 -> "modelStreamErrorException";
            case 429 -> "throttlingException";
            case 503 -> "serviceUnavailableException";
            default -> "internalServerException";
        };
    }
}
