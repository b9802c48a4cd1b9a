package dev.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models} through openai-java: each provider's own listing as {@code provider/model}, then the routes. */
@QuarkusTest
@QuarkusTestResource(value = EmulatorResource.class, restrictToAnnotatedClass = false)
class ModelsListTest {

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void client() {
        client = E2e.openAi(base);
    }

    /**
     * What each emulator lists (its default models emulator-1 and emulator-2): Bedrock adds its inference profiles
     * (us.*); Vertex lists nothing, as the emulator does not serve v1beta1 ListPublisherModels, and a listing that
     * fails is left out rather than failing the whole list.
     */
    static final Map<String, List<String>> LISTED = Map.of(
            "emu", List.of("emulator-1", "emulator-2"),
            "emu-openai", List.of("emulator-1", "emulator-2"),
            "emu-azure", List.of("emulator-1", "emulator-2"),
            "emu-anthropic", List.of("emulator-1", "emulator-2"),
            "emu-gemini", List.of("emulator-1", "emulator-2"),
            "emu-bedrock", List.of("emulator-1", "emulator-2", "us.emulator-1", "us.emulator-2"),
            "emu-vertex", List.of());

    @Test
    void listsEveryProvidersModelsAsProviderSlashModelAndTheRoutes() {
        List<Model> models = client.models().list().data();
        List<String> ids = models.stream().map(Model::id).toList();

        assertThat(ids).doesNotHaveDuplicates();
        LISTED.forEach((provider, listed) -> assertThat(ids)
                .as("models of %s", provider)
                .filteredOn(id -> id.startsWith(provider + "/"))
                .containsExactlyInAnyOrderElementsOf(
                        listed.stream().map(m -> provider + "/" + m).toList()));

        Map<String, String> routes = models.stream()
                .filter(m -> m.ownedBy().equals("switchboard-route"))
                .collect(Collectors.toMap(
                        Model::id, m -> m._additionalProperties().get("targets").toString()));
        assertThat(routes).containsKey("emu-default").containsKey("default");
        assertThat(routes.get("emu-default")).contains("emu/emulator-1");
        assertThat(routes.keySet())
                .containsAll(List.of(EmulatorResource.PROVIDERS).stream()
                        .map(p -> "ratelimited-" + p)
                        .toList());
        assertThat(ids.indexOf("emu-default"))
                .as("routes after the models")
                .isGreaterThan(ids.indexOf("emu/emulator-1"));
    }

    @Test
    void retrievesOneModelAndOneRoute() {
        assertThat(client.models().retrieve("emu-anthropic/emulator-2").id()).isEqualTo("emu-anthropic/emulator-2");
        Model route = client.models().retrieve("emu-default");
        assertThat(route.ownedBy()).isEqualTo("switchboard-route");
    }

    @Test
    void aModelNotInItsProvidersListingIsNotFound() {
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.models().retrieve("emu-gemini/not-listed"));
        assertThat(e.code()).contains("model_not_found");
        assertThat(e.param()).contains("model");
    }
}
