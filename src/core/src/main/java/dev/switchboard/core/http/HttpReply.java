package dev.switchboard.core.http;

import java.net.http.HttpHeaders;

/** A complete upstream HTTP answer. */
public record HttpReply(int status, HttpHeaders headers, byte[] body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
