package dev.sluice.lambda.dynamodb;

import dev.sluice.core.mapping.Cell;
import dev.sluice.core.mapping.KeyColumns;
import dev.sluice.core.mapping.MappedRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@code merge} mode: one UpdateItem per row that SETs only the row's non-empty attributes, so attributes the row
 * does not carry keep their values (and a missing item is created). Rows of the same key are applied in file order
 * (see {@link ItemWriter}), so the last row's values win. Throttling is retried with back-off.
 */
final class MergeWriter extends ItemWriter {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final KeyColumns keys;

    MergeWriter(DynamoDbClient dynamoDb, String table, KeyColumns keys, int concurrency, Backoff backoff) {
        super(concurrency, backoff);
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.keys = keys;
    }

    @Override
    void add(MappedRow.Item item) throws InterruptedException {
        UpdateItemRequest request = request(table, keys, item);
        awaitKey(item.key());
        submit(List.of(item.key()), () -> write(request));
    }

    @Override
    void flushPending() {
        // Every row is submitted as it comes.
    }

    static UpdateItemRequest request(String table, KeyColumns keys, MappedRow.Item item) {
        UpdateItemRequest.Builder request =
                UpdateItemRequest.builder().tableName(table).key(Items.key(item, keys));
        if (item.attributes().isEmpty()) {
            return request.build(); // creates the item with its key only, or leaves it as it is
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        int i = 0;
        for (Map.Entry<String, Cell> attribute : item.attributes().entrySet()) {
            if (i > 0) {
                set.append(", ");
            }
            // Placeholders: column names may be reserved words or hold spaces and dots.
            set.append("#a").append(i).append(" = :v").append(i);
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, Items.value(attribute.getValue()));
            i++;
        }
        return request.updateExpression(set.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private void write(UpdateItemRequest request) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamoDb.updateItem(request);
                return;
            } catch (RuntimeException e) {
                if (!isThrottling(e)) {
                    throw e;
                }
                beforeRetry(attempt, "UpdateItem on " + table + " still throttled (" + e.getMessage() + ")");
            }
        }
    }
}
