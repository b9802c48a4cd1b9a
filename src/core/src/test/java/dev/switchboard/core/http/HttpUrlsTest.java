package dev.switchboard.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HttpUrlsTest {

    @Test
    void absoluteHttpAndHttpsUrlsAreAccepted() {
        assertThat(HttpUrls.problem("base-url", "http://localhost:11434/v1")).isEmpty();
        assertThat(HttpUrls.problem("base-url", URI.create("HTTPS://api.example.com")))
                .isEmpty();
        assertThat(HttpUrls.problem("base-url", null)).isEmpty();
    }

    @Test
    void theMessageNamesTheKeyAndTheValue() {
        assertThat(HttpUrls.problem("endpoint", "localhost:8080"))
                .contains("endpoint: 'localhost:8080' is not an absolute http(s) URL");
        assertThat(HttpUrls.problem("base-url", URI.create("ftp://files.example.com")))
                .contains("base-url: 'ftp://files.example.com' is not an absolute http(s) URL");
        assertThat(HttpUrls.problem("base-url", "/v1")).contains("base-url: '/v1' is not an absolute http(s) URL");
        assertThat(HttpUrls.problem("base-url", "http://bad host/"))
                .contains("base-url: 'http://bad host/' is not a valid URL");
    }
}
