package dev.sluice.lambda.dynamodb;

import dev.sluice.core.mapping.KeyColumns;
import dev.sluice.core.mapping.MappedRow;
import dev.sluice.core.mapping.RowKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@code put} mode: whole items in BatchWriteItem requests of up to 25. A request may not hold two items with the same
 * key, so a repeated key replaces its earlier item in the batch being filled (last row wins), and a key whose batch
 * is in flight waits for it (see {@link ItemWriter}). {@code UnprocessedItems} and throttling are retried with
 * back-off.
 */
final class BatchPutWriter extends ItemWriter {

    static final int MAX_BATCH_WRITE_ITEMS = 25; // DynamoDB limit

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final KeyColumns keys;
    private Map<RowKey, WriteRequest> pending = new LinkedHashMap<>();

    BatchPutWriter(DynamoDbClient dynamoDb, String table, KeyColumns keys, int concurrency, Backoff backoff) {
        super(concurrency, backoff);
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.keys = keys;
    }

    @Override
    void add(MappedRow.Item item) throws InterruptedException {
        WriteRequest put = request(item, keys);
        if (!pending.containsKey(item.key())) {
            awaitKey(item.key());
        }
        pending.put(item.key(), put);
        if (pending.size() == MAX_BATCH_WRITE_ITEMS) {
            flushPending();
        }
    }

    static WriteRequest request(MappedRow.Item item, KeyColumns keys) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(Items.full(item, keys)).build())
                .build();
    }

    @Override
    void flushPending() throws InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        Map<RowKey, WriteRequest> batch = pending;
        pending = new LinkedHashMap<>();
        List<WriteRequest> requests = List.copyOf(batch.values());
        submit(batch.keySet(), () -> write(requests));
    }

    private void write(List<WriteRequest> requests) throws InterruptedException {
        List<WriteRequest> remaining = requests;
        for (int attempt = 0; ; attempt++) {
            String problem;
            try {
                remaining = send(remaining);
                if (remaining.isEmpty()) {
                    return;
                }
                problem = remaining.size() + " items still unprocessed by BatchWriteItem on " + table;
            } catch (RuntimeException e) {
                if (!isThrottling(e)) {
                    throw e;
                }
                problem = "BatchWriteItem on " + table + " still throttled (" + e.getMessage() + ")";
            }
            beforeRetry(attempt, problem);
        }
    }

    /** Sends one request; returns the items DynamoDB did not process. */
    private List<WriteRequest> send(List<WriteRequest> requests) {
        BatchWriteItemResponse response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of(table, requests))
                .build());
        return response.unprocessedItems().getOrDefault(table, List.of());
    }
}
