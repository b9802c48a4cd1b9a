package dev.switchboard.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The admin API's errors, in the OpenAI error shape the rest of the gateway uses. */
final class AdminErrors {
    private AdminErrors() {}

    static Response off() {
        return error(
                404,
                "invalid_request_error",
                "unknown_url",
                "The admin API is off: set switchboard.auth.admin-key-hash to turn it on.");
    }

    static Response unauthorized() {
        return error(
                401,
                "invalid_request_error",
                "invalid_api_key",
                "The admin API needs the admin key (not a gateway key) as 'Authorization: Bearer <key>'.");
    }

    static Response readOnly() {
        return error(
                403,
                "invalid_request_error",
                "read_only_key_store",
                "Keys come from the config file (switchboard.auth.store=config): the admin API can only read them.");
    }

    static Response notFound(String id) {
        return error(404, "invalid_request_error", "key_not_found", "No key with id '" + id + "'.");
    }

    static Response conflict(String id) {
        return error(409, "invalid_request_error", "key_exists", "A key with id '" + id + "' exists.");
    }

    static Response invalid(String message) {
        return error(400, "invalid_request_error", "invalid_request", message);
    }

    static Response unavailable() {
        return error(503, "server_error", "ledger_unavailable", "The key store or ledger cannot be reached.");
    }

    private static Response error(int status, String type, String code, String message) {
        ObjectNode root = Json.object();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.putNull("param");
        e.put("code", code);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.bytes(root))
                .build();
    }
}
