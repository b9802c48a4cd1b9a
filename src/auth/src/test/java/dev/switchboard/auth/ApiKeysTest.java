package dev.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aGeneratedKeyParsesBackToItsIdAndMatchesOnlyItsOwnHash() {
        String key = ApiKeys.generate("team-a.app_1");
        assertThat(key).startsWith("sb-team-a.app_1-");

        assertThat(ApiKeys.parse(key))
                .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("team-a.app_1"));
        assertThat(ApiKeys.hash(key)).matches("sha256:[0-9a-f]{64}");
        assertThat(ApiKeys.matches(ApiKeys.hash(key), key)).isTrue();
        assertThat(ApiKeys.matches(ApiKeys.hash(key), key + "x")).isFalse();
        assertThat(ApiKeys.matches(ApiKeys.hash(ApiKeys.generate("team-a.app_1")), key))
                .isFalse();
        assertThat(ApiKeys.parse(key).orElseThrow().toString()).doesNotContain(key);
    }

    @Test
    void theHashIsOfTheWholeKeyString() {
        // echo -n 'sb-app1-abcdefghijklmnop' | sha256sum
        assertThat(ApiKeys.hash("sb-app1-abcdefghijklmnop"))
                .isEqualTo("sha256:" + sha256Hex("sb-app1-abcdefghijklmnop"));
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keysNotShapedLikeOursAreRefusedWithoutLookup() {
        assertThat(ApiKeys.parse("sk-proj-abc")).isEmpty();
        assertThat(ApiKeys.parse("sb-")).isEmpty();
        assertThat(ApiKeys.parse("sb-app1")).isEmpty();
        assertThat(ApiKeys.parse("sb-app1-short")).isEmpty();
        assertThat(ApiKeys.parse("sb--abcdefghijklmnopq")).isEmpty();
        assertThat(ApiKeys.parse("sb-app1-" + "a".repeat(300))).isEmpty();
        assertThat(ApiKeys.matches("md5:abc", "sb-app1-abcdefghijklmnop")).isFalse();
    }

    @Test
    void patternsMatchRoutesAndProviderModels() {
        assertThat(ModelPatterns.anyMatches(List.of("up/*", "default"), "up/gpt-4o"))
                .isTrue();
        assertThat(ModelPatterns.anyMatches(List.of("up/*", "default"), "default"))
                .isTrue();
        assertThat(ModelPatterns.anyMatches(List.of("up/*", "default"), "other/gpt-4o"))
                .isFalse();
        assertThat(ModelPatterns.anyMatches(List.of("up/*", "default"), "default2"))
                .isFalse();
        assertThat(ModelPatterns.anyMatches(List.of("*claude*"), "anthropic/claude-3-5"))
                .isTrue();
        assertThat(ModelPatterns.anyMatches(List.of(), "anything")).isTrue();
        assertThat(ModelPatterns.anyMatches(List.of("*"), null)).isFalse();
    }

    @Test
    void theAuthenticatorRefusesUnknownWrongDisabledAndExpiredKeys() {
        String good = ApiKeys.generate("app1");
        String expiredKey = ApiKeys.generate("old");
        String disabledKey = ApiKeys.generate("off");
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        KeyStore store = new ConfigKeyStore(List.of(
                GatewayKey.of("app1", ApiKeys.hash(good)),
                GatewayKey.of("old", ApiKeys.hash(expiredKey)).withExpiresAt(now),
                GatewayKey.of("off", ApiKeys.hash(disabledKey)).withDisabled(true)));
        KeyAuthenticator auth = new KeyAuthenticator(store, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(auth.authenticate(good).key().id()).isEqualTo("app1");
        assertThat(auth.authenticate(null).refusal()).isEqualTo(KeyAuthenticator.Refusal.MISSING);
        assertThat(auth.authenticate("nope").refusal()).isEqualTo(KeyAuthenticator.Refusal.MALFORMED);
        assertThat(auth.authenticate(ApiKeys.generate("ghost")).refusal()).isEqualTo(KeyAuthenticator.Refusal.UNKNOWN);
        assertThat(auth.authenticate(ApiKeys.generate("app1")).refusal())
                .isEqualTo(KeyAuthenticator.Refusal.WRONG_SECRET);
        assertThat(auth.authenticate(disabledKey).refusal()).isEqualTo(KeyAuthenticator.Refusal.DISABLED);
        assertThat(auth.authenticate(expiredKey).refusal()).isEqualTo(KeyAuthenticator.Refusal.EXPIRED);
    }

    @Test
    void newKeyPrintsAKeyAndAConfigEntryWithItsHash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = NewKey.run(
                List.of("app1", "--tenant", "acme"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        String text = out.toString(StandardCharsets.UTF_8);
        String key = text.lines()
                .map(String::strip)
                .filter(l -> l.startsWith("sb-app1-"))
                .findFirst()
                .orElseThrow();
        assertThat(rc).isZero();
        assertThat(text).contains("      app1:\n", "tenant: acme", "hash: \"" + ApiKeys.hash(key) + "\"");
        assertThat(NewKey.run(
                        List.of(),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
