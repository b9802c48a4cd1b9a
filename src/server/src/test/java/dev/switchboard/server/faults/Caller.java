package dev.switchboard.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URL;
import java.time.Duration;
import java.util.List;

/**
 * Calls the gateway the way a user does, with the official OpenAI client (no retries of its own), and keeps
 * everything the caller could observe: status, headers, text, the error before the answer or the one inside it.
 */
final class Caller implements AutoCloseable {
    private final OpenAIClient client;

    Caller(URL base) {
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(base.toString())
                .apiKey("unused")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * What the caller saw.
     *
     * @param status      the HTTP status
     * @param text        the answer's text (for a broken stream: what arrived before the break)
     * @param error       the {@code error} object of a refused request, null otherwise
     * @param streamBreak the error raised while iterating a stream that had started, null otherwise
     */
    record Seen(
            int status,
            Headers headers,
            String text,
            JsonNode error,
            OpenAIServiceException streamBreak,
            Duration took) {

        String header(String name) {
            List<String> v = headers.values(name);
            return v.isEmpty() ? null : v.get(0);
        }

        String requestId() {
            return header("x-request-id");
        }
    }

    /**
     * A few plain requests through both protocols, so that the first cell is not the one that pays for class
     * loading and cold code paths (time limits here are short).
     */
    void warmUp() {
        for (String model : new String[] {"emu/emulator-warmup", "emu-anthropic/emulator-warmup"}) {
            call(model, false);
            call(model, true);
        }
    }

    Seen call(String model, boolean stream) {
        return call(model, stream, null);
    }

    /**
     * One call with a cost tag of its own ({@code x-switchboard-tags}), when {@code tag} is not null: the tag is on
     * the cost record of every gateway request the call caused, also one its HTTP stack sent again on its own.
     */
    Seen call(String model, boolean stream, String tag) {
        ChatCompletionCreateParams.Builder builder =
                ChatCompletionCreateParams.builder().model(model).addUserMessage(Cell.PROMPT);
        if (tag != null) builder.putAdditionalHeader("x-switchboard-tags", tag);
        ChatCompletionCreateParams params = builder.build();
        long start = System.nanoTime();
        try {
            return stream ? stream(params, start) : complete(params, start);
        } catch (OpenAIServiceException e) {
            return new Seen(e.statusCode(), e.headers(), null, errorObject(e), null, since(start));
        }
    }

    private Seen complete(ChatCompletionCreateParams params, long start) {
        HttpResponseFor<ChatCompletion> raw =
                client.chat().completions().withRawResponse().create(params);
        ChatCompletion c = raw.parse();
        return new Seen(
                raw.statusCode(),
                raw.headers(),
                c.choices().get(0).message().content().orElse(""),
                null,
                null,
                since(start));
    }

    private Seen stream(ChatCompletionCreateParams params, long start) {
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw =
                client.chat().completions().withRawResponse().createStreaming(params);
        StringBuilder text = new StringBuilder();
        OpenAIServiceException broke = null;
        try (StreamResponse<ChatCompletionChunk> chunks = raw.parse()) {
            chunks.stream()
                    .forEach(chunk ->
                            chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        } catch (OpenAIServiceException e) {
            if (raw.statusCode() != 200) throw e;
            broke = e;
        }
        return new Seen(raw.statusCode(), raw.headers(), text.toString(), null, broke, since(start));
    }

    /** The {@code error} object of an OpenAI error body (the client hands over either the body or that object). */
    static JsonNode errorObject(OpenAIServiceException e) {
        JsonNode body = e.body().convert(JsonNode.class);
        return body != null && body.has("error") ? body.get("error") : body;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        client.close();
    }
}
