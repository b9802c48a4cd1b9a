package dev.switchboard.emulator.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Operation semantics: conditional writes and all-or-nothing transactions with cancellation reasons. */
class DynamoDbTablesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final DynamoDbTables tables = new DynamoDbTables(json);

    private JsonNode req(String body) throws Exception {
        return json.readTree(body.replace('\'', '"'));
    }

    private void createTable() throws Exception {
        tables.handle(
                "CreateTable",
                req("{'TableName':'t','KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},"
                        + "{'AttributeName':'sk','KeyType':'RANGE'}]}"));
    }

    private String counter(String pk) throws Exception {
        JsonNode item = tables.handle(
                        "GetItem", req("{'TableName':'t','Key':{'pk':{'S':'" + pk + "'},'sk':{'S':'k'}}}"))
                .path("Item");
        return item.path("c").path("N").asText("absent");
    }

    private String add(String pk, int n, String condition) {
        return "{'Update':{'TableName':'t','Key':{'pk':{'S':'" + pk
                + "'},'sk':{'S':'k'}},'UpdateExpression':'ADD c :n',"
                + (condition == null ? "" : "'ConditionExpression':'" + condition + "',")
                + "'ExpressionAttributeValues':{':n':{'N':'" + n + "'},':max':{'N':'2'}}}}";
    }

    @Test
    void aTransactionWithOneFailedConditionWritesNothingAndNamesTheReason() throws Exception {
        createTable();
        tables.handle("TransactWriteItems", req("{'TransactItems':[" + add("a", 2, null) + "]}"));

        assertThatThrownBy(() -> tables.handle(
                        "TransactWriteItems",
                        req("{'TransactItems':[" + add("b", 1, null) + ","
                                + add("a", 1, "attribute_not_exists(c) OR c < :max") + "]}")))
                .isInstanceOfSatisfying(DynamoDbTables.Failure.class, f -> {
                    assertThat(f.type).isEqualTo("TransactionCanceledException");
                    assertThat(f.extra.path("CancellationReasons").findValuesAsText("Code"))
                            .containsExactly("None", "ConditionalCheckFailed");
                });
        assertThat(counter("b")).isEqualTo("absent");
        assertThat(counter("a")).isEqualTo("2");

        tables.handle(
                "TransactWriteItems",
                req("{'TransactItems':[" + add("b", 1, null) + "," + add("a", -1, "attribute_exists(c)") + "]}"));
        assertThat(counter("b")).isEqualTo("1");
        assertThat(counter("a")).isEqualTo("1");
    }

    @Test
    void aFailedConditionalPutKeepsTheItem() throws Exception {
        createTable();
        String put = "{'TableName':'t','Item':{'pk':{'S':'K'},'sk':{'S':'k'},'c':{'N':'%s'}},"
                + "'ConditionExpression':'attribute_not_exists(pk)'}";
        tables.handle("PutItem", req(put.formatted("1")));

        assertThatThrownBy(() -> tables.handle("PutItem", req(put.formatted("7"))))
                .isInstanceOfSatisfying(
                        DynamoDbTables.Failure.class,
                        f -> assertThat(f.type).isEqualTo("ConditionalCheckFailedException"));
        assertThat(counter("K")).isEqualTo("1");
    }

    @Test
    void queryReturnsOnePartitionInSortKeyOrderAndPages() throws Exception {
        createTable();
        for (String sk : new String[] {"c", "a", "b"}) {
            tables.handle("PutItem", req("{'TableName':'t','Item':{'pk':{'S':'K'},'sk':{'S':'" + sk + "'}}}"));
        }
        tables.handle("PutItem", req("{'TableName':'t','Item':{'pk':{'S':'L'},'sk':{'S':'a'}}}"));
        String q = "{'TableName':'t','KeyConditionExpression':'pk = :p','ExpressionAttributeValues':{':p':{'S':'K'}},"
                + "'Limit':2%s}";

        JsonNode first = tables.handle("Query", req(q.formatted("")));
        assertThat(first.path("Items").findValuesAsText("S")).containsExactly("K", "a", "K", "b");
        JsonNode rest = tables.handle(
                "Query",
                req(q.formatted(",'ExclusiveStartKey':"
                        + first.path("LastEvaluatedKey").toString().replace('"', '\''))));
        assertThat(rest.path("Items").findValuesAsText("S")).containsExactly("K", "c");
        assertThat(rest.has("LastEvaluatedKey")).isFalse();
    }
}
