package dev.switchboard.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseEvent> parse(String... lines) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add);
        for (String l : lines) p.line(l);
        p.end();
        return out;
    }

    @Test
    void namedEventsDataAndIds() {
        List<SseEvent> events = parse("event: message_start", "data: {\"a\":1}   ", "", "id: 7", "data:{\"b\":2}", "");
        assertThat(events)
                .containsExactly(
                        new SseEvent("message_start", "{\"a\":1}   ", null), new SseEvent(null, "{\"b\":2}", "7"));
    }

    @Test
    void multiLineDataJoinsWithNewlines() {
        assertThat(parse("data: one", "data: two", "")).containsExactly(new SseEvent(null, "one\ntwo", null));
    }

    @Test
    void commentsAndUnknownFieldsAreIgnoredAndEmptyBlocksDispatchNothing() {
        assertThat(parse(": keep-alive", "retry: 100", "", "", "data: x", ""))
                .containsExactly(new SseEvent(null, "x", null));
    }

    @Test
    void aFinalEventWithoutItsBlankLineIsStillDelivered() {
        assertThat(parse("data: [DONE]")).containsExactly(new SseEvent(null, "[DONE]", null));
    }

    @Test
    void eventNameDoesNotLeakIntoTheNextEvent() {
        List<SseEvent> events = parse("event: ping", "data: {}", "", "data: plain", "");
        assertThat(events.get(1).event()).isNull();
    }
}
