package dev.switchboard.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.error.ErrorInfo;
import dev.switchboard.core.error.UpstreamError;
import dev.switchboard.core.model.ModelInfo;
import dev.switchboard.testing.ScriptedProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
    private final AtomicReference<List<String>> listed =
            new AtomicReference<>(List.of("gpt-a", "gpt-b", "ft:gpt-a:org:custom"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
    private final ScriptedProvider provider = new ScriptedProvider("openai").models(() -> {
        fetches.incrementAndGet();
        if (listed.get() == null) throw new UpstreamError(ErrorInfo.of("listing down"), true);
        return listed.get().stream().map(ModelInfo::of).toList();
    });

    private ModelCatalog catalog(Set<String> includeFineTuned) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new ModelCatalog(Map.of("openai", provider), includeFineTuned, Duration.ofMinutes(10), clock);
    }

    @Test
    void listsFromTheProviderAndExcludesFineTunedUnlessConfigured() {
        assertThat(catalog(Set.of()).models("openai").models())
                .extracting(CatalogEntry::id)
                .containsExactly("openai/gpt-a", "openai/gpt-b");
        assertThat(catalog(Set.of("openai")).models("openai").models())
                .extracting(CatalogEntry::id)
                .contains("openai/ft:gpt-a:org:custom");
    }

    @Test
    void cachesWithTheFetchTimeAndRefreshesWhenStaleOrAsked() {
        ModelCatalog c = catalog(Set.of());
        ProviderModels first = c.models("openai");
        assertThat(first.fetchedAt()).isEqualTo(now.get());
        c.models("openai");
        assertThat(fetches.get()).isEqualTo(1);
        now.set(now.get().plus(Duration.ofMinutes(11)));
        c.models("openai");
        assertThat(fetches.get()).isEqualTo(2);
        c.refresh("openai");
        assertThat(fetches.get()).isEqualTo(3);
    }

    @Test
    void aModelThatDisappearedIsMarkedDeprecatedNotDropped() {
        ModelCatalog c = catalog(Set.of());
        c.models("openai");
        listed.set(List.of("gpt-b"));
        ProviderModels after = c.refresh("openai");
        assertThat(after.models())
                .extracting(CatalogEntry::id, CatalogEntry::deprecated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("openai/gpt-b", false),
                        org.assertj.core.groups.Tuple.tuple("openai/gpt-a", true));
        assertThat(c.availability("openai", "gpt-a")).isEqualTo(ModelCatalog.Availability.DEPRECATED);
        assertThat(c.availability("openai", "gpt-b")).isEqualTo(ModelCatalog.Availability.LISTED);
        assertThat(c.availability("openai", "gpt-z")).isEqualTo(ModelCatalog.Availability.NOT_LISTED);
    }

    @Test
    void aFailedListingKeepsWhatWasKnownAndSaysWhy() {
        ModelCatalog c = catalog(Set.of());
        c.models("openai");
        listed.set(null);
        ProviderModels after = c.refresh("openai");
        assertThat(after.models()).hasSize(2);
        assertThat(after.error()).contains("listing down");
    }

    @Test
    void unknownWhenNoListingEverSucceeded() {
        listed.set(null);
        assertThat(catalog(Set.of()).availability("openai", "gpt-a")).isEqualTo(ModelCatalog.Availability.UNKNOWN);
    }
}
