package dev.switchboard.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.provider.anthropic.AnthropicProviderFactory;
import dev.switchboard.provider.openai.OpenAiProviderFactory;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each startup error {@link GatewayAssembler} reports, one test each: the message names the full key, so the
 * operator can find the line to fix. Configuration is mapped by SmallRye Config as Quarkus does at startup.
 */
class GatewayAssemblerTest {
    private static final List<ProviderFactory> FACTORIES = List.of(
            OpenAiProviderFactory.openAi(),
            OpenAiProviderFactory.compatible(),
            OpenAiProviderFactory.azure(),
            new AnthropicProviderFactory());

    /** Two providers and a valid route; each test adds or overrides what it breaks. */
    private static Map<String, String> valid() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("switchboard.providers.openai.type", "openai");
        c.put("switchboard.providers.openai.api-key", "test-key");
        c.put("switchboard.providers.claude.type", "anthropic");
        c.put("switchboard.routes.chat.targets", "openai/gpt-4o,openai/gpt-4o-mini");
        return c;
    }

    private static List<String> problems(Map<String, String> properties) {
        SwitchboardConfig config = new SmallRyeConfigBuilder()
                .withMapping(SwitchboardConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(SwitchboardConfig.class);
        return GatewayAssembler.assemble(config, FACTORIES).problems();
    }

    private static List<String> problemsWith(String key, String value) {
        Map<String, String> c = valid();
        c.put(key, value);
        return problems(c);
    }

    @Test
    void aValidConfigurationHasNoProblems() {
        Map<String, String> c = valid();
        c.put("switchboard.routes.chat.weights.\"openai/gpt-4o\"", "3");
        c.put("switchboard.routes.chat.params.\"openai/gpt-4o\".temperature", "0.2");
        assertThat(problems(c)).isEmpty();
    }

    @Test
    void providerIdWithForbiddenCharacters() {
        assertThat(problemsWith("switchboard.providers.\"my provider\".type", "openai"))
                .containsExactly(
                        "switchboard.providers.my provider: a provider id may only use letters, digits, '.', '_' and '-' (it is written before the '/' of provider/model)");
    }

    @Test
    void unknownProviderType() {
        assertThat(problemsWith("switchboard.providers.openai.type", "opnai"))
                .containsExactly(
                        "switchboard.providers.openai.type: unknown provider type 'opnai' (this runtime knows: anthropic, azure-openai, openai, openai-compatible)");
    }

    @Test
    void baseUrlThatIsNotAnHttpUrl() {
        assertThat(problemsWith("switchboard.providers.openai.base-url", "api.openai.com/v1"))
                .containsExactly(
                        "switchboard.providers.openai.base-url: 'api.openai.com/v1' is not an absolute http(s) URL");
    }

    @Test
    void settingsTheProviderTypeRejects() {
        assertThat(problemsWith("switchboard.providers.local.type", "openai-compatible"))
                .containsExactly("switchboard.providers.local.base-url: required for type openai-compatible");
    }

    @Test
    void routeNameWithASlash() {
        assertThat(problemsWith("switchboard.routes.\"team/chat\".targets", "openai/gpt-4o"))
                .containsExactly(
                        "switchboard.routes.team/chat: a route name cannot contain '/' (that form addresses provider/model)");
    }

    @Test
    void targetWithoutProvider() {
        assertThat(problemsWith("switchboard.routes.chat.targets", "gpt-4o"))
                .containsExactly("switchboard.routes.chat.targets[0]: 'gpt-4o' is not of the form provider/model");
    }

    @Test
    void targetOfAnUnknownProvider() {
        assertThat(problemsWith("switchboard.routes.chat.targets", "openai/gpt-4o,opnai/gpt-4o"))
                .containsExactly(
                        "switchboard.routes.chat.targets[1]: unknown provider 'opnai' (configured providers: claude, openai)");
    }

    @Test
    void weightOfSomethingThatIsNotATarget() {
        assertThat(problemsWith("switchboard.routes.chat.weights.\"openai/o3\"", "2"))
                .containsExactly("switchboard.routes.chat.weights.\"openai/o3\": not one of this route's targets");
    }

    @Test
    void paramsOfSomethingThatIsNotATarget() {
        assertThat(problemsWith("switchboard.routes.chat.params.\"openai/o3\".temperature", "1"))
                .containsExactly("switchboard.routes.chat.params.\"openai/o3\": not one of this route's targets");
    }

    @Test
    void unknownStrategy() {
        assertThat(problemsWith("switchboard.routes.chat.strategy", "random"))
                .containsExactly(
                        "switchboard.routes.chat.strategy: unknown strategy 'random' (use ordered, weighted, fastest or cheapest)");
    }

    @Test
    void unknownCapability() {
        assertThat(problemsWith("switchboard.routes.chat.requires", "tools,telepathy"))
                .containsExactly(
                        "switchboard.routes.chat.requires[1]: unknown capability 'telepathy' (use tools, vision, json_schema or reasoning)");
    }

    @Test
    void routeRetryOutOfRange() {
        assertThat(problemsWith("switchboard.routes.chat.retry.max-attempts", "0"))
                .containsExactly("switchboard.routes.chat.retry.max-attempts: must be at least 1");
    }

    @Test
    void routeTimeoutThatIsNotPositive() {
        assertThat(problemsWith("switchboard.routes.chat.timeouts.attempt", "0s"))
                .containsExactly("switchboard.routes.chat.timeouts.attempt: must be positive");
    }

    @Test
    void targetsListedTwice() {
        assertThat(problemsWith("switchboard.routes.chat.targets", "openai/gpt-4o,openai/gpt-4o"))
                .containsExactly("switchboard.routes.chat.targets[1]: openai/gpt-4o is listed twice");
    }

    @Test
    void targetsAcrossProvidersWithoutCrossProvider() {
        assertThat(problemsWith("switchboard.routes.chat.targets", "openai/gpt-4o,claude/claude-sonnet-4"))
                .containsExactly(
                        "switchboard.routes.chat.cross-provider: the targets span providers claude, openai; set cross-provider: true to let this route fall from one provider to another");
    }

    @Test
    void weightedRouteWithNoWeightAboveZero() {
        Map<String, String> c = valid();
        c.put("switchboard.routes.chat.targets", "openai/gpt-4o");
        c.put("switchboard.routes.chat.strategy", "weighted");
        c.put("switchboard.routes.chat.weights.\"openai/gpt-4o\"", "0");
        assertThat(problems(c))
                .containsExactly(
                        "switchboard.routes.chat.targets: the weighted strategy needs at least one target with a weight above 0");
    }

    @Test
    void negativeWeight() {
        assertThat(problemsWith("switchboard.routes.chat.weights.\"openai/gpt-4o\"", "-1"))
                .containsExactly("switchboard.routes.chat.weights.\"openai/gpt-4o\": must not be negative");
    }

    @Test
    void targetParamOutOfRange() {
        assertThat(problemsWith("switchboard.routes.chat.params.\"openai/gpt-4o\".top_p", "1.5"))
                .containsExactly("switchboard.routes.chat.params.\"openai/gpt-4o\".top_p: must be in (0, 1]");
    }

    @Test
    void directRetryOutOfRange() {
        assertThat(problemsWith("switchboard.retry.max-delay", "100ms"))
                .containsExactly("switchboard.retry.max-delay: must be >= base-delay");
    }

    @Test
    void directDeadlineThatIsNotPositive() {
        assertThat(problemsWith("switchboard.timeouts.deadline", "0s"))
                .containsExactly("switchboard.timeouts.deadline: must be positive");
    }

    @Test
    void circuitBreakerOutOfRange() {
        assertThat(problemsWith("switchboard.circuit-breaker.min-calls", "50"))
                .containsExactly("switchboard.circuit-breaker.min-calls: must be in 1..window");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> c = valid();
        c.put("switchboard.providers.openai.type", "opnai");
        c.put("switchboard.routes.chat.strategy", "random");
        c.put("switchboard.retry.max-attempts", "0");
        assertThat(problems(c)).hasSize(3);
    }
}
