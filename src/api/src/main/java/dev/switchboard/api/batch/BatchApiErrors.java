package dev.switchboard.api.batch;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.frontend.openai.OpenAiResponseWriter;
import dev.switchboard.core.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Errors of the Files and Batches API whose status is not the error kind's own (404, 409), in OpenAI's shape. */
final class BatchApiErrors {
    private BatchApiErrors() {}

    static Response notFound(String message) {
        return render(404, message, "not_found", null);
    }

    static Response conflict(String message) {
        return render(409, message, "invalid_state", null);
    }

    static Response tooLarge(String message) {
        return render(413, message, "file_too_large", "file");
    }

    private static Response render(int status, String message, String code, String param) {
        InvalidRequest e =
                new InvalidRequest(ErrorInfo.of(message).withCode(code).withParam(param));
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.bytes(OpenAiResponseWriter.error(e)))
                .build();
    }
}
