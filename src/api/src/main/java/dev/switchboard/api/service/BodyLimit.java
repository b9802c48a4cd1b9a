package dev.switchboard.api.service;

import dev.switchboard.core.error.RequestTooLarge;

/**
 * The request-size limit for bodies that arrived without a Content-Length (chunked); those with one are refused
 * before they are read (see GatewayHeaders).
 */
final class BodyLimit {
    private BodyLimit() {}

    static void check(byte[] body, long max) {
        if (body.length > max) {
            throw new RequestTooLarge("Request body of " + body.length + " bytes exceeds the limit of " + max
                    + " bytes (switchboard.limits.max-body-size).");
        }
    }
}
