package dev.switchboard.core.http;

import java.net.http.HttpHeaders;

/** A complete upstream HTTP answer. */
public record HttpReply(int status, HttpHeaders headers, byte[] body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Header values and body left out: an upstream may echo a key or the prompt. */
    @Override
    public String toString() {
        return "HttpReply[status=" + status + ", body=" + (body == null ? "none" : body.length + " bytes") + "]";
    }
}
