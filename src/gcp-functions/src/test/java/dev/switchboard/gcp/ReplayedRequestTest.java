package dev.switchboard.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.functions.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayedRequestTest {

    /**
     * Regression: Quarkus's Cloud Functions bridge copies the body with {@code while ((n = request.getInputStream()
     * .read(buf)) != -1)}, asking for the stream on every read. A fresh stream per call never reached the end: every
     * non-streamed request through the deployed function died of OutOfMemoryError (HTTP 500).
     */
    @Test
    void theBodyIsOneStreamThatEnds() throws IOException {
        byte[] body = "{\"model\":\"default\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        ReplayedRequest request = new ReplayedRequest(original(), body);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        byte[] buf = new byte[8];
        int reads = 0;
        for (int n; (n = request.getInputStream().read(buf, 0, buf.length)) != -1; ) {
            copy.write(buf, 0, n);
            assertThat(++reads).as("reads").isLessThan(100);
        }
        assertThat(copy.toByteArray()).isEqualTo(body);
        assertThat(request.getInputStream()).isSameAs(request.getInputStream());
        assertThat(request.getContentLength()).isEqualTo(body.length);
    }

    @Test
    void readerReadsTheSameBody() throws IOException {
        ReplayedRequest request = new ReplayedRequest(original(), "héllo".getBytes(StandardCharsets.UTF_8));
        Reader reader = request.getReader();
        assertThat(request.getReader()).isSameAs(reader);
        char[] chars = new char[16];
        int n = reader.read(chars);
        assertThat(new String(chars, 0, n)).isEqualTo("héllo");
        InputStream in = request.getInputStream();
        assertThat(in.read()).isEqualTo(-1);
    }

    private static HttpRequest original() {
        return (HttpRequest) Proxy.newProxyInstance(
                HttpRequest.class.getClassLoader(),
                new Class<?>[] {HttpRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getCharacterEncoding", "getContentType", "getQuery" -> Optional.empty();
                    case "getMethod" -> "POST";
                    case "getPath", "getUri" -> "/v1/chat/completions";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
