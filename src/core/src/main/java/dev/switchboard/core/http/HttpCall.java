package dev.switchboard.core.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** One upstream HTTP request. Header values may be secrets: never log them. */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    public static HttpCall postJson(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return new HttpCall("POST", uri, headers, body, timeout);
    }

    public static HttpCall get(URI uri, Map<String, String> headers, Duration timeout) {
        return new HttpCall("GET", uri, headers, null, timeout);
    }

    /** Header names only: their values may be keys. The body is left out too (it holds the prompt). */
    @Override
    public String toString() {
        return "HttpCall[" + method + " " + uri + ", headers=" + headers.keySet() + ", body="
                + (body == null ? "none" : body.length + " bytes") + ", timeout=" + timeout + "]";
    }
}
