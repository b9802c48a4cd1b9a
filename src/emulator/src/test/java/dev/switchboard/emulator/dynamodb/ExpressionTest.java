package dev.switchboard.emulator.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.emulator.dynamodb.Expression.Placeholders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The condition and update expression semantics the DynamoDB emulator applies. */
class ExpressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode n(String v) {
        return JSON.createObjectNode().put("N", v);
    }

    private static JsonNode s(String v) {
        return JSON.createObjectNode().put("S", v);
    }

    private static Map<String, JsonNode> item(Object... kv) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (JsonNode) kv[i + 1]);
        }
        return m;
    }

    private static Placeholders p(Map<String, String> names, Object... values) {
        return new Placeholders(names, item(values));
    }

    @Test
    void existenceFunctionsLookAtTheItemAndTheAbsentItemHasNoAttributes() {
        Map<String, JsonNode> row = item("pk", s("a"), "c", n("3"));
        Placeholders none = p(Map.of());

        assertThat(Expression.test("attribute_exists(pk)", row, none)).isTrue();
        assertThat(Expression.test("attribute_not_exists(pk)", row, none)).isFalse();
        assertThat(Expression.test("attribute_not_exists(pk)", null, none)).isTrue();
        assertThat(Expression.test("attribute_exists(#x)", row, p(Map.of("#x", "c"))))
                .isTrue();
    }

    @Test
    void comparisonsAreNumericForNumbersAndFalseForAMissingAttribute() {
        Map<String, JsonNode> row = item("c", n("9"));
        Placeholders p = p(Map.of("#f", "c"), ":ten", n("10"), ":nine", n("9.0"));

        // numerically 9 < 10 (as strings "9" > "10")
        assertThat(Expression.test("#f < :ten", row, p)).isTrue();
        assertThat(Expression.test("#f < :nine", row, p)).isFalse();
        assertThat(Expression.test("#f = :nine", row, p)).isTrue();
        assertThat(Expression.test("#f >= :ten", row, p)).isFalse();
        assertThat(Expression.test("#f <> :ten", row, p)).isTrue();
        assertThat(Expression.test("missing < :ten", row, p)).isFalse();
    }

    @Test
    void orAndNotAndParenthesesFollowPrecedence() {
        Map<String, JsonNode> row = item("r", n("5"), "t", n("100"));
        Placeholders p = p(Map.of("#r", "r", "#t", "t", "#c", "c"), ":m", n("5"), ":big", n("1000"));

        // the ledger's condition: each limited counter absent or below its max
        assertThat(Expression.test(
                        "(attribute_not_exists(#r) OR #r < :m) AND (attribute_not_exists(#t) OR #t < :big)", row, p))
                .isFalse();
        assertThat(Expression.test(
                        "(attribute_not_exists(#c) OR #c < :m) AND (attribute_not_exists(#t) OR #t < :big)", row, p))
                .isTrue();
        assertThat(Expression.test("attribute_not_exists(#c) OR #r < :m AND #t < :big", row, p))
                .isTrue();
        assertThat(Expression.test("NOT attribute_exists(#c) AND #r < :m", row, p))
                .isFalse();
    }

    @Test
    void addCreatesOrIncrementsNumbersAndSetAssigns() {
        Map<String, JsonNode> row = item("pk", s("a"), "c", n("10"));
        Placeholders p = p(Map.of("#ttl", "expires"), ":c", n("-4"), ":r", n("1"), ":ten", s("acme"), ":e", n("99"));

        Expression.update("ADD c :c, r :r SET tenant = :ten, #ttl = :e", row, p);

        assertThat(row)
                .containsEntry("c", n("6"))
                .containsEntry("r", n("1"))
                .containsEntry("tenant", s("acme"))
                .containsEntry("expires", n("99"));
        Expression.update("REMOVE tenant", row, p);
        assertThat(row).doesNotContainKey("tenant");
    }

    @Test
    void undefinedPlaceholdersAndBadSyntaxAreValidationErrors() {
        assertThatThrownBy(() -> Expression.test("c < :nope", item(), p(Map.of())))
                .isInstanceOf(Expression.Invalid.class)
                .hasMessageContaining(":nope");
        assertThatThrownBy(() -> Expression.test("#nope < :v", item(), p(Map.of(), ":v", n("1"))))
                .isInstanceOf(Expression.Invalid.class)
                .hasMessageContaining("#nope");
        assertThatThrownBy(() -> Expression.test("attribute_exists(pk", item(), p(Map.of())))
                .isInstanceOf(Expression.Invalid.class);
        assertThatThrownBy(() -> Expression.update("ADD c :s", item(), p(Map.of(), ":s", s("x"))))
                .isInstanceOf(Expression.Invalid.class);
    }
}
