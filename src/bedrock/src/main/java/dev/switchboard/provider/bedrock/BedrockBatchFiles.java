package dev.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.json.Json;
import dev.switchboard.core.nativebatch.NativeRequest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 side of a Bedrock batch job: the input JSONL ({@code {"recordId","modelInput"}} per line) and the output
 * Bedrock writes under {@code <output uri><job id>/}: {@code input.jsonl.out} (the input lines with
 * {@code modelOutput} or {@code error} added) and {@code manifest.json.out} (record and token counts).
 */
final class BedrockBatchFiles {
    static final String INPUT_FILE = "input.jsonl";

    private final S3Client s3;

    BedrockBatchFiles(S3Client s3) {
        this.s3 = s3;
    }

    /** One input line; {@code modelInput} already the model's InvokeModel body. */
    static byte[] line(NativeRequest request, ObjectNode modelInput) {
        ObjectNode line = Json.object().put("recordId", request.lineId());
        line.set("modelInput", modelInput);
        return (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the input file; a rewrite for the same job id carries the same lines, so replacing it is harmless. */
    void putInput(String bucket, String key, ByteArrayOutputStream jsonl) {
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType("application/jsonl"),
                RequestBody.fromBytes(jsonl.toByteArray()));
    }

    /** Every line of {@code s3Uri}, parsed; nothing when the object does not exist (a job that wrote no output). */
    void eachLine(String s3Uri, Consumer<JsonNode> sink) {
        Location at = Location.of(s3Uri);
        try (ResponseInputStream<GetObjectResponse> in =
                        s3.getObject(b -> b.bucket(at.bucket()).key(at.key()));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode node = Json.tryParse(line);
                if (node != null && node.isObject()) sink.accept(node);
            }
        } catch (NoSuchKeyException none) {
            // no output (yet): no results
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small JSON object ({@code manifest.json.out}), or empty when it does not exist. */
    Optional<JsonNode> json(String s3Uri) {
        Location at = Location.of(s3Uri);
        try {
            return Optional.ofNullable(
                    Json.tryParse(s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key()))
                            .asByteArray()));
        } catch (NoSuchKeyException none) {
            return Optional.empty();
        }
    }

    /** {@code s3://bucket/key}. */
    record Location(String bucket, String key) {
        static Location of(String uri) {
            if (uri == null || !uri.startsWith("s3://")) throw new IllegalArgumentException("not an S3 URI: " + uri);
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0
                    ? new Location(rest, "")
                    : new Location(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }
}
