package dev.switchboard.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.json.Json;
import org.junit.jupiter.api.Test;

class BedrockDocumentsTest {

    @Test
    void jsonSurvivesTheRoundTripExactly() {
        JsonNode json = Json.parse("{\"s\":\"t\",\"i\":12345678901234567890,\"d\":0.1000,\"b\":false,\"n\":null,"
                + "\"a\":[1,{\"k\":[]},\"x\"],\"o\":{}}");
        JsonNode back = BedrockDocuments.toJson(BedrockDocuments.toDocument(json));
        assertThat(Json.write(back)).isEqualTo(Json.write(json));
    }
}
