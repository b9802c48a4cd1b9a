package dev.switchboard.core.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.error.InvalidRequest;
import dev.switchboard.core.model.ChatRequest;
import dev.switchboard.core.model.ContentPart;
import dev.switchboard.core.model.Message;
import dev.switchboard.core.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestLimitsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "openai/gpt-4o-mini",
                "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "local/library/llama3.2:latest",
                "openai/ft:gpt-4o:org:name:abc",
                "vertex/publishers/google/models/x@001",
                "default",
                "a_b-c"
            })
    void realModelIdsPass(String model) {
        assertThat(RequestLimits.checkModel(model)).isEqualTo(model);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "azure/..",
                "azure/../x",
                "openai/./x",
                "../x",
                "openai//x",
                "openai/x/..",
                "openai/gpt 4",
                "openai/gpt\n4",
                "openai/gpt\u00004",
                "openai/gpt%2e%2e",
                "openai/gpt?x=1",
                "openai/gpt#x",
                "openai/gpt\u00e9"
            })
    void hostileModelIdsAre400NamingModel(String model) {
        assertThatThrownBy(() -> RequestLimits.checkModel(model))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).param()).isEqualTo("model"))
                .satisfies(e -> assertThat(((InvalidRequest) e).httpStatus()).isEqualTo(400));
    }

    @Test
    void modelLengthIsCappedAt256() {
        assertThat(RequestLimits.checkModel("a/" + "b".repeat(254))).hasSize(256);
        assertThatThrownBy(() -> RequestLimits.checkModel("a/" + "b".repeat(99_998)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("at most 256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"})
    void jsonIsRead(String type) {
        assertThatNoException().isThrownBy(() -> RequestLimits.checkJsonContentType(type));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "text/plain;charset=UTF-8",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/jsonx",
                ""
            })
    void anythingElseIs415(String type) {
        assertThatThrownBy(() -> RequestLimits.checkJsonContentType(type))
                .isInstanceOf(InvalidRequest.class)
                .satisfies(e -> assertThat(((InvalidRequest) e).httpStatus()).isEqualTo(415))
                .satisfies(e -> assertThat(((InvalidRequest) e).openAiType()).isEqualTo("invalid_request_error"));
        assertThatThrownBy(() -> RequestLimits.checkJsonContentType(null)).isInstanceOf(InvalidRequest.class);
    }

    private static ChatRequest withImage(String url) {
        return ChatRequest.builder()
                .model("vertex/gemini")
                .messages(
                        new Message(Role.USER, List.of(new ContentPart.Text("look"), ContentPart.Image.url(url)), null))
                .build();
    }

    @Test
    void gsImagesNeedAnAllowListedPrefix() {
        RequestLimits none = RequestLimits.DEFAULT;
        assertThatThrownBy(() -> none.checkImages(withImage("gs://someone-elses-bucket/x.png")))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("gcs-image-prefixes")
                .satisfies(e -> assertThat(((InvalidRequest) e).param()).isEqualTo("messages[0].content[1]"));
        RequestLimits mine = new RequestLimits(List.of("gs://my-bucket/"));
        assertThatNoException().isThrownBy(() -> mine.checkImages(withImage("gs://my-bucket/x.png")));
        assertThatThrownBy(() -> mine.checkImages(withImage("gs://my-bucket-2/x.png")))
                .isInstanceOf(InvalidRequest.class);
        assertThatNoException().isThrownBy(() -> none.checkImages(withImage("https://example.com/x.png")));
        assertThatThrownBy(() -> none.checkImages(withImage("file:///etc/passwd")))
                .isInstanceOf(InvalidRequest.class);
    }
}
