package dev.switchboard.server.nativebatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import dev.switchboard.emulator.Emulator;
import dev.switchboard.emulator.EmulatorOptions;
import dev.switchboard.emulator.http.Generation;
import dev.switchboard.emulator.nativebatch.EmulatedBatches;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK drives the emulator's Message Batches API: what the SDK sends and parses is what
 * the emulator serves, so the emulator stays true to the wire shape Switchboard's own client is tested against.
 */
class AnthropicSdkBatchEmulatorTest {
    private Emulator emulator;
    private AnthropicClient client;

    @BeforeEach
    void start() {
        emulator = Emulator.start(EmulatorOptions.defaults());
        client = AnthropicOkHttpClient.builder()
                .baseUrl(emulator.httpBaseUri().toString())
                .apiKey("sk-ant-test")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private static BatchCreateParams.Request line(String customId, String text) {
        return BatchCreateParams.Request.builder()
                .customId(customId)
                .params(BatchCreateParams.Request.Params.builder()
                        .model("emulator-1")
                        .maxTokens(64)
                        .addUserMessage(text)
                        .build())
                .build();
    }

    @Test
    void createPollListAndReadResults() {
        MessageBatch created = client.messages()
                .batches()
                .create(BatchCreateParams.builder()
                        .addRequest(line("first", "hello"))
                        .addRequest(line("second", Generation.BATCH_FAIL_TEXT))
                        .build());
        assertThat(created.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.IN_PROGRESS);
        assertThat(created.requestCounts().processing()).isEqualTo(2);
        assertThat(client.messages().batches().list().data())
                .extracting(MessageBatch::id)
                .containsExactly(created.id());

        MessageBatch ended = created;
        for (int i = 0; i < EmulatedBatches.DEFAULT_FINISH_AFTER_GETS; i++) {
            ended = client.messages().batches().retrieve(created.id());
        }
        assertThat(ended.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.ENDED);
        assertThat(ended.requestCounts().succeeded()).isEqualTo(1);
        assertThat(ended.requestCounts().errored()).isEqualTo(1);
        assertThat(ended.resultsUrl())
                .get()
                .asString()
                .startsWith(emulator.httpBaseUri().toString());

        Map<String, MessageBatchIndividualResponse> results;
        try (StreamResponse<MessageBatchIndividualResponse> stream =
                client.messages().batches().resultsStreaming(created.id())) {
            results = stream.stream()
                    .collect(Collectors.toMap(MessageBatchIndividualResponse::customId, Function.identity()));
        }
        assertThat(results).containsOnlyKeys("first", "second");
        assertThat(results.get("first")
                        .result()
                        .asSucceeded()
                        .message()
                        .content()
                        .getFirst()
                        .asText()
                        .text())
                .contains("You said: hello");
        assertThat(results.get("second").result().asErrored().error().error().isInvalidRequestError())
                .isTrue();
    }

    @Test
    void cancelEndsTheBatchWithItsLinesCanceled() {
        MessageBatch created = client.messages()
                .batches()
                .create(BatchCreateParams.builder()
                        .addRequest(line("only", "hi"))
                        .build());
        client.messages().batches().cancel(created.id());
        MessageBatch after = client.messages().batches().retrieve(created.id());
        assertThat(after.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.ENDED);
        assertThat(after.cancelInitiatedAt()).isPresent();
        assertThat(after.requestCounts().canceled()).isEqualTo(1);
        try (StreamResponse<MessageBatchIndividualResponse> stream =
                client.messages().batches().resultsStreaming(created.id())) {
            assertThat(stream.stream().toList())
                    .singleElement()
                    .satisfies(r -> assertThat(r.result().isCanceled()).isTrue());
        }
    }
}
