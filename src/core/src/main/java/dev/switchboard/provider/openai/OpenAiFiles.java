package dev.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.http.HttpCall;
import dev.switchboard.core.http.HttpErrors;
import dev.switchboard.core.http.HttpReply;
import dev.switchboard.core.http.HttpTransport;
import dev.switchboard.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The few calls of the OpenAI / Azure OpenAI files API native batch jobs make: upload an input file, read a result
 * file, delete a file. OpenAI serves them under the base URL ({@code /v1/files}); Azure under {@code /openai/files}
 * with its api-version.
 */
final class OpenAiFiles {
    /** Moving a file of up to 200 MB. */
    static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);
    /** Any other call of the files or batches API. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String provider;
    private final OpenAiConfig config;
    private final HttpTransport http;
    private final Map<String, String> headers;

    OpenAiFiles(String provider, OpenAiConfig config, HttpTransport http, Map<String, String> headers) {
        this.provider = provider;
        this.config = config;
        this.http = http;
        this.headers = headers;
    }

    /** Uploads {@code content} as a multipart form ({@code purpose}, {@code file}); returns the file id. */
    String upload(String filename, String purpose, byte[] content) {
        String boundary = "switchboard-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        String crlf = "\r\n";
        body.writeBytes(("--" + boundary + crlf + "Content-Disposition: form-data; name=\"purpose\"" + crlf + crlf
                        + purpose + crlf + "--" + boundary + crlf
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"" + crlf
                        + "Content-Type: application/jsonl" + crlf + crlf)
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes((crlf + "--" + boundary + "--" + crlf).getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", "multipart/form-data; boundary=" + boundary);
        HttpReply reply = http.send(new HttpCall("POST", uri("files", null), h, body.toByteArray(), TRANSFER_TIMEOUT));
        String id = Json.text(object(reply, "file upload"), "id");
        if (id == null) throw HttpErrors.malformed(provider, "file upload answered without an id");
        return id;
    }

    /** A file's bytes (a result file: JSONL). */
    byte[] content(String fileId) {
        return http.send(HttpCall.get(uri("files/" + encode(fileId) + "/content", null), headers, TRANSFER_TIMEOUT))
                .body();
    }

    void delete(String fileId) {
        http.send(new HttpCall("DELETE", uri("files/" + encode(fileId), null), headers, null, CALL_TIMEOUT));
    }

    /**
     * {@code path} ("files", "batches/batch_1/cancel") under the files/batches root: the base URL for OpenAI,
     * {@code /openai} plus the api-version for Azure; {@code query} ("limit=100") appended.
     */
    URI uri(String path, String query) {
        String base = config.baseUrl().toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        StringBuilder u = new StringBuilder(base);
        if (config.azure()) {
            u.append("/openai/").append(path).append("?api-version=").append(encode(config.apiVersion()));
            if (query != null) u.append('&').append(query);
        } else {
            u.append('/').append(path);
            if (query != null) u.append('?').append(query);
        }
        return URI.create(u.toString());
    }

    JsonNode object(HttpReply reply, String what) {
        JsonNode json = Json.tryParse(reply.body());
        if (json == null || !json.isObject()) throw HttpErrors.malformed(provider, what + " is not JSON");
        return json;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
