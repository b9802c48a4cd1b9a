package dev.switchboard.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.emulator.EmulatorOverHttp;
import dev.switchboard.emulator.StreamCapture;
import dev.switchboard.emulator.TestHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every HTTP front end shares one fault writer; this checks each protocol actually routes through it. */
class FaultsAcrossProtocolsTest extends EmulatorOverHttp {

    enum Api {
        OPENAI {
            HttpRequest request(String model, boolean stream) {
                return http.postRequest("/v1/chat/completions", """
                        {"model":"%s","stream":%s,"messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream))
                        .build();
            }
        },
        AZURE_OPENAI {
            HttpRequest request(String model, boolean stream) {
                return http.postRequest(
                                "/openai/deployments/" + model + "/chat/completions?api-version=2024-10-21",
                                """
                        {"stream":%s,"messages":[{"role":"user","content":"hi"}]}""".formatted(stream))
                        .build();
            }
        },
        ANTHROPIC {
            HttpRequest request(String model, boolean stream) {
                return http.postRequest("/v1/messages", """
                        {"model":"%s","stream":%s,"max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream), "anthropic-version", "2023-06-01")
                        .build();
            }
        },
        GEMINI {
            HttpRequest request(String model, boolean stream) {
                String path =
                        "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
                return http.postRequest(path, "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}")
                        .build();
            }
        },
        BEDROCK {
            HttpRequest request(String model, boolean stream) {
                String path = "/model/" + model + (stream ? "/converse-stream" : "/converse");
                return http.postRequest(path, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}")
                        .build();
            }
        };

        abstract HttpRequest request(String model, boolean stream);
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void statusFault(Api api) {
        for (boolean stream : new boolean[] {false, true}) {
            HttpResponse<String> r =
                    http.send(api.request("emulator-fault-503-ra1", stream), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("retry-after")).hasValue("1");
            assertThat(parses(r.body())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void unknownModel(Api api) {
        HttpResponse<String> r =
                http.send(api.request("not-an-emulator-model", false), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(parses(r.body())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void resetAndCut(Api api) {
        assertThat(http.sendExpectingFailure(
                        api.request("emulator-reset", false), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(http.sendExpectingFailure(api.request("emulator-cut1", false), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        HttpResponse<java.io.InputStream> stream =
                http.send(api.request("emulator-cut2", true), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(StreamCapture.read(stream.body()).completedCleanly()).isFalse();
        // the same stream without the fault ends cleanly
        HttpResponse<java.io.InputStream> clean =
                http.send(api.request("emulator-1", true), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(StreamCapture.read(clean.body()).completedCleanly()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Api.class)
    void malformedAndDelay(Api api) {
        HttpResponse<String> malformed =
                http.send(api.request("emulator-malformed", false), HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(parses(malformed.body())).isFalse();

        long t0 = System.nanoTime();
        HttpResponse<String> delayed =
                http.send(api.request("emulator-delay200", false), HttpResponse.BodyHandlers.ofString());
        assertThat(delayed.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    private static boolean parses(String text) {
        try {
            TestHttp.MAPPER.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
