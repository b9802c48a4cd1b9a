package dev.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.batch.BatchTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm package runs the batch workflow ({@code src/test/node/batch.mjs}): files.create
 * with purpose=batch, batches.create, batches.retrieve until done, files.content. Node and npm are required, as for
 * {@link OpenAiNodeSdkTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BatchTestResource.class, restrictToAnnotatedClass = true)
class OpenAiNodeSdkBatchTest {

    @TestHTTPResource("/v1")
    URL base;

    @Test
    void theNpmClientRunsABatchToTheEnd() throws Exception {
        OpenAiNodeSdkTest.installWhenNeeded();
        List<String> lines = OpenAiNodeSdkTest.run(
                List.of("node", "batch.mjs", base.toString(), "batch-fallback"), Duration.ofSeconds(90));
        JsonNode r = E2e.parse(lines.get(lines.size() - 1));
        assertThat(r.get("purpose").asText()).isEqualTo("batch");
        assertThat(r.get("status").asText()).isEqualTo("completed");
        assertThat(r.at("/counts/total").asInt()).isEqualTo(2);
        assertThat(r.at("/counts/completed").asInt()).isEqualTo(2);
        assertThat(r.at("/metadata/client").asText()).isEqualTo("node");
        assertThat(r.get("answers")).hasSize(2);
        assertThat(r.at("/answers/0/custom_id").asText()).isEqualTo("node-1");
        assertThat(r.at("/answers/0/text").asText()).isEqualTo(E2e.GREETING + "node one");
        assertThat(r.at("/answers/1/text").asText()).isEqualTo(E2e.GREETING + "node two");
        assertThat(E2e.costLines())
                .filteredOn(l -> l.contains(r.get("batch").asText()))
                .hasSize(4);
    }
}
