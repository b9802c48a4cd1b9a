package dev.switchboard.batch.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputValidatorTest {

    private static final String OK = "{\"custom_id\":\"%s\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
            + "\"body\":{\"model\":\"m\",\"messages\":[]}}";

    private static String ok(String id) {
        return OK.formatted(id);
    }

    private static InputValidator.Result validate(String text, BatchLimits limits, BatchEndpoint required)
            throws Exception {
        return InputValidator.validate(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limits, required);
    }

    private static InputValidator.Result validate(String text) throws Exception {
        return validate(text, BatchLimits.DEFAULT, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                 | {oops                                                                    | invalid_json_line          |",
                "json but not an object   | [1,2]                                                                    | invalid_json_line          |",
                "no custom_id             | {\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":{}}               | missing_required_parameter | custom_id",
                "empty custom_id          | {\"custom_id\":\"\",\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":{}} | invalid_request | custom_id",
                "no method                | {\"custom_id\":\"x\",\"url\":\"/v1/messages\",\"body\":{}}               | missing_required_parameter | method",
                "GET                      | {\"custom_id\":\"x\",\"method\":\"GET\",\"url\":\"/v1/messages\",\"body\":{}} | invalid_request        | method",
                "no url                   | {\"custom_id\":\"x\",\"method\":\"POST\",\"body\":{}}                    | missing_required_parameter | url",
                "unknown url              | {\"custom_id\":\"x\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}} | invalid_url        | url",
                "no body                  | {\"custom_id\":\"x\",\"method\":\"POST\",\"url\":\"/v1/messages\"}       | missing_required_parameter | body",
                "body not an object       | {\"custom_id\":\"x\",\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":\"hi\"} | invalid_request  | body",
            })
    void aMalformedLineIsReportedWithItsNumber(String name, String bad, String code, String param) throws Exception {
        InputValidator.Result r = validate(ok("a") + "\n" + bad + "\n" + ok("c") + "\n");
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).hasSize(1);
        ValidationError e = r.errors().get(0);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.param()).isEqualTo(param);
    }

    @Test
    void aValidFileCountsItsRequestsSkippingBlankLinesAndCrlf() throws Exception {
        InputValidator.Result r = validate(ok("a") + "\r\n\r\n" + ok("b") + "\n   \n" + ok("c"));
        assertThat(r.valid()).isTrue();
        assertThat(r.requests()).isEqualTo(3);
    }

    @Test
    void duplicateCustomIdsNameBothLines() throws Exception {
        InputValidator.Result r = validate(ok("a") + "\n" + ok("b") + "\n" + ok("a") + "\n");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("duplicate_custom_id");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("line 1");
        });
    }

    @Test
    void aLineOverTheLineLimitIsRefusedWithoutBeingRead() throws Exception {
        BatchLimits limits = new BatchLimits(10, 1_000_000, 200, 10);
        String huge = "{\"custom_id\":\"h\",\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":{\"x\":\""
                + "y".repeat(500) + "\"}}";
        InputValidator.Result r = validate(ok("a") + "\n" + huge + "\n" + ok("b") + "\n", limits, null);
        assertThat(r.errors()).extracting(e -> e.code() + "@" + e.line()).containsExactly("line_too_large@2");
    }

    @Test
    void tooManyLinesAndTooManyBytesFailTheFile() throws Exception {
        InputValidator.Result lines = validate(
                ok("a") + "\n" + ok("b") + "\n" + ok("c") + "\n", new BatchLimits(2, 1_000_000, 10_000, 10), null);
        assertThat(lines.errors()).extracting(e -> e.code() + "@" + e.line()).containsExactly("too_many_requests@3");
        InputValidator.Result bytes =
                validate(ok("a") + "\n" + ok("b") + "\n", new BatchLimits(10, 150, 10_000, 10), null);
        assertThat(bytes.errors()).extracting(ValidationError::code).containsExactly("file_too_large");
    }

    @Test
    void linesMustUseTheBatchsEndpointWhenItHasOne() throws Exception {
        String messages = "{\"custom_id\":\"m\",\"method\":\"POST\",\"url\":\"/v1/messages\",\"body\":{}}";
        assertThat(validate(ok("a") + "\n" + messages, BatchLimits.DEFAULT, null)
                        .valid())
                .isTrue();
        InputValidator.Result r =
                validate(ok("a") + "\n" + messages, BatchLimits.DEFAULT, BatchEndpoint.CHAT_COMPLETIONS);
        assertThat(r.errors()).extracting(e -> e.code() + "@" + e.line()).containsExactly("mismatched_endpoint@2");
    }

    @Test
    void anEmptyFileIsInvalid() throws Exception {
        assertThat(validate("\n\n").errors()).extracting(ValidationError::code).containsExactly("empty_file");
        assertThat(validate("").valid()).isFalse();
    }

    @Test
    void errorsAreCappedButCounted() throws Exception {
        String bad = String.join("\n", List.of("x", "x", "x", "x", "x"));
        InputValidator.Result r = validate(bad, new BatchLimits(10, 1_000_000, 1000, 2), null);
        assertThat(r.errors()).hasSize(2);
        assertThat(r.totalErrors()).isEqualTo(5);
    }
}
