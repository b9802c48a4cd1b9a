package dev.switchboard.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.ContentFiltered;
import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.error.RateLimited;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.http.SseParser;
import dev.switchboard.core.model.ChatResponse;
import dev.switchboard.core.model.FinishReason;
import dev.switchboard.core.model.StreamEvent;
import dev.switchboard.testing.StreamReplay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesStreamCodecTest {

    /** Feeds SSE text through the codec as HttpTransport's pump does; onEnd included. */
    private static List<StreamEvent> decode(String sse) {
        return StreamReplay.decode(new ResponsesStreamCodec("openai"), sse);
    }

    private static ChatResponse fold(List<StreamEvent> events) {
        return StreamReplay.fold(events);
    }

    /** One SSE frame per (type, data-without-type) pair; the data names its type as OpenAI's does. */
    private static String frames(String... typeAndData) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < typeAndData.length; i += 2) {
            String data = typeAndData[i + 1];
            sb.append("event: ")
                    .append(typeAndData[i])
                    .append('\n')
                    .append("data: {\"type\":\"")
                    .append(typeAndData[i])
                    .append('"')
                    .append(data.equals("{}") ? "}" : "," + data.substring(1))
                    .append("\n\n");
        }
        return sb.toString();
    }

    private static final String CREATED =
            "{\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5\",\"status\":\"in_progress\"}}";

    @Test
    void textThenCompletedWithUsage() {
        List<StreamEvent> events = decode(frames(
                "response.created", CREATED,
                "response.output_item.added", "{\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_1\"}}",
                "response.output_text.delta", "{\"output_index\":0,\"delta\":\"Hel\"}",
                "response.output_text.delta", "{\"output_index\":0,\"delta\":\"lo\"}",
                "response.output_text.done", "{\"output_index\":0,\"text\":\"Hello\"}",
                "response.completed",
                        "{\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"usage\":"
                                + "{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":4},\"output_tokens\":7,"
                                + "\"output_tokens_details\":{\"reasoning_tokens\":3}}}}"));
        assertThat(events.get(0)).isEqualTo(new StreamEvent.Started("resp_1", "gpt-5"));
        ChatResponse r = fold(events);
        assertThat(r.text()).isEqualTo("Hello");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.providerFinishReason()).isEqualTo("completed");
        assertThat(r.usage().inputTokens()).isEqualTo(10);
        assertThat(r.usage().cacheReadTokens()).isEqualTo(4);
        assertThat(r.usage().outputTokens()).isEqualTo(7);
        assertThat(r.usage().reasoningTokens()).isEqualTo(3);
    }

    @Test
    void functionCallArgumentsArriveAsDeltasAndMakeTheFinishToolCalls() {
        ChatResponse r = fold(decode(frames(
                "response.created", CREATED,
                "response.output_item.added", "{\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"id\":\"rs_1\"}}",
                "response.output_item.added",
                        "{\"output_index\":1,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\","
                                + "\"call_id\":\"call_1\",\"name\":\"lookup\",\"arguments\":\"\"}}",
                "response.function_call_arguments.delta",
                        "{\"output_index\":1,\"item_id\":\"fc_1\",\"delta\":\"{\\\"q\\\":\"}",
                "response.function_call_arguments.delta", "{\"output_index\":1,\"item_id\":\"fc_1\",\"delta\":\"1}\"}",
                "response.output_item.done",
                        "{\"output_index\":1,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\","
                                + "\"call_id\":\"call_1\",\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":1}\"}}",
                "response.completed", "{\"response\":{\"status\":\"completed\"}}")));
        assertThat(r.toolCalls()).hasSize(1);
        assertThat(r.toolCalls().get(0).id()).isEqualTo("call_1");
        assertThat(r.toolCalls().get(0).name()).isEqualTo("lookup");
        assertThat(r.toolCalls().get(0).arguments()).isEqualTo("{\"q\":1}");
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(r.text()).isNull();
    }

    @Test
    void aCallSentWholeAtItsDoneEventStillCarriesItsArguments() {
        ChatResponse r = fold(decode(frames(
                "response.output_item.added",
                        "{\"output_index\":0,\"item\":{\"type\":\"function_call\","
                                + "\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"\"}}",
                "response.output_item.done",
                        "{\"output_index\":0,\"item\":{\"type\":\"function_call\","
                                + "\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{\\\"a\\\":2}\"}}",
                "response.completed", "{\"response\":{\"status\":\"completed\"}}")));
        assertThat(r.toolCalls().get(0).arguments()).isEqualTo("{\"a\":2}");
    }

    @Test
    void reasoningSummaryPartsAreSeparatedAsInACompleteAnswer() {
        ChatResponse r = fold(decode(frames(
                "response.reasoning_summary_text.delta",
                        "{\"item_id\":\"rs_1\",\"summary_index\":0,\"delta\":\"**A**\"}",
                "response.reasoning_summary_text.delta",
                        "{\"item_id\":\"rs_1\",\"summary_index\":0,\"delta\":\" one\"}",
                "response.reasoning_summary_text.delta",
                        "{\"item_id\":\"rs_1\",\"summary_index\":1,\"delta\":\"**B**\"}",
                "response.output_text.delta", "{\"delta\":\"answer\"}",
                "response.completed", "{\"response\":{\"status\":\"completed\"}}")));
        assertThat(r.reasoningText()).isEqualTo("**A** one\n**B**");
        assertThat(r.text()).isEqualTo("answer");
    }

    @Test
    void incompleteForMaxOutputTokensIsLength() {
        ChatResponse r = fold(
                decode(
                        frames(
                                "response.output_text.delta",
                                "{\"delta\":\"cut\"}",
                                "response.incomplete",
                                "{\"response\":{\"status\":\"incomplete\","
                                        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}")));
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.providerFinishReason()).isEqualTo("incomplete:max_output_tokens");
        assertThat(r.usage().outputTokens()).isEqualTo(1);
    }

    @Test
    void incompleteForContentFilterIsContentFilter() {
        ChatResponse r = fold(decode(frames(
                "response.incomplete",
                "{\"response\":{\"status\":\"incomplete\","
                        + "\"incomplete_details\":{\"reason\":\"content_filter\"}}}")));
        assertThat(r.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(r.providerFinishReason()).isEqualTo("incomplete:content_filter");
    }

    @Test
    void aStreamCutBeforeItsTerminalEventIsARetriableError() {
        ResponsesStreamCodec codec = new ResponsesStreamCodec("openai");
        List<StreamEvent> out = new ArrayList<>();
        SseParser parser = new SseParser(e -> codec.onEvent(e, out::add));
        frames("response.created", CREATED, "response.output_text.delta", "{\"delta\":\"Hel\"}")
                .lines()
                .forEach(parser::line);
        parser.end();
        assertThatThrownBy(() -> codec.onEnd(out::add))
                .isInstanceOf(UpstreamError.class)
                .matches(e -> ((UpstreamError) e).retriable())
                .hasMessageContaining("ended before the answer was complete");
        assertThat(fold(out).text()).isEqualTo("Hel");
    }

    @Test
    void anErrorEventIsMappedByItsCode() {
        assertThatThrownBy(
                        () -> decode(
                                frames(
                                        "error",
                                        "{\"code\":\"rate_limit_exceeded\",\"message\":\"Rate limit reached for gpt-5\",\"param\":null}")))
                .isInstanceOf(RateLimited.class)
                .hasMessageContaining("Rate limit reached");
        // The nested shape some API versions send.
        assertThatThrownBy(
                        () -> decode(
                                frames(
                                        "error",
                                        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_prompt\",\"message\":\"bad\"}}")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("bad");
    }

    @Test
    void aFailedResponseIsMappedAndRetriableWhenTheServerFailed() {
        assertThatThrownBy(
                        () -> decode(
                                frames(
                                        "response.created",
                                        CREATED,
                                        "response.failed",
                                        "{\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"oops\"}}}")))
                .isInstanceOf(UpstreamError.class)
                .matches(e -> ((UpstreamError) e).retriable())
                .hasMessageContaining("oops");
        assertThatThrownBy(() -> decode(frames(
                        "response.failed",
                        "{\"response\":{\"status\":\"failed\","
                                + "\"error\":{\"code\":\"image_content_policy_violation\",\"message\":\"no\"}}}")))
                .isInstanceOf(ContentFiltered.class);
    }

    @Test
    void unknownEventsAreIgnored() {
        ChatResponse r = fold(decode(frames(
                "response.web_search_call.searching", "{\"output_index\":0}",
                "response.output_text.annotation.added", "{\"annotation\":{}}",
                "response.something_new", "{}",
                "response.output_text.delta", "{\"delta\":\"ok\"}",
                "response.completed", "{\"response\":{\"status\":\"completed\"}}")));
        assertThat(r.text()).isEqualTo("ok");
    }
}
