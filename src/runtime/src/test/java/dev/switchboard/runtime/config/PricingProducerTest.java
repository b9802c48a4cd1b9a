package dev.switchboard.runtime.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code switchboard.pricing.batch-discount.<provider>} is checked at startup, naming the bad key. */
class PricingProducerTest {

    @Test
    void aDiscountForAConfiguredProviderWithinZeroToOneIsAccepted() {
        assertThatCode(() -> PricingProducer.checkBatchDiscounts(
                        Map.of("bedrock", new BigDecimal("0.5")), Set.of("bedrock", "openai")))
                .doesNotThrowAnyException();
    }

    @Test
    void aDiscountForAnUnknownProviderNamesTheKey() {
        assertThatThrownBy(() ->
                        PricingProducer.checkBatchDiscounts(Map.of("bedrok", new BigDecimal("0.5")), Set.of("bedrock")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("switchboard.pricing.batch-discount.bedrok")
                .hasMessageContaining("bedrock");
    }

    @Test
    void aDiscountOutsideZeroToOneNamesTheKey() {
        assertThatThrownBy(() ->
                        PricingProducer.checkBatchDiscounts(Map.of("openai", new BigDecimal("50")), Set.of("openai")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("switchboard.pricing.batch-discount.openai")
                .hasMessageContaining("at most 1");
        assertThatThrownBy(
                        () -> PricingProducer.checkBatchDiscounts(Map.of("openai", BigDecimal.ZERO), Set.of("openai")))
                .isInstanceOf(ConfigurationException.class);
    }
}
