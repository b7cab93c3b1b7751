package dev.sluice.lambda.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.mapping.Cell;
import dev.sluice.core.mapping.KeyColumns;
import dev.sluice.core.mapping.MappedRow;
import dev.sluice.core.mapping.RowKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Chunking and ordering against a recording fake: DynamoDB Local (and moto) accept more than 25 items or duplicate
 * keys in one BatchWriteItem; real DynamoDB rejects both, so these rules are pinned here.
 */
class ItemWriterTest {

    static final KeyColumns KEYS = KeyColumns.of("id");
    static final Backoff NO_WAIT = new Backoff(Duration.ZERO, Duration.ZERO, 3);

    /** Applies writes to a map after a random delay, and records requests and the peak of concurrent calls. */
    static final class RecordingDynamoDb implements DynamoDbClient {
        final List<List<WriteRequest>> batches = new CopyOnWriteArrayList<>();
        final Map<String, Map<String, AttributeValue>> table = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();

        private void enter() {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            enter();
            try {
                List<WriteRequest> items = request.requestItems().get("t");
                batches.add(items);
                items.forEach(w -> table.put(
                        w.putRequest().item().get("id").s(), w.putRequest().item()));
                return BatchWriteItemResponse.builder()
                        .unprocessedItems(Map.of())
                        .build();
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            enter();
            try {
                table.put(
                        request.key().get("id").s(),
                        Map.of("seq", request.expressionAttributeValues().get(":v0")));
                return UpdateItemResponse.builder().build();
            } finally {
                running.decrementAndGet();
            }
        }

        /** Per-statement errors to answer once, by key (e.g. THROTTLING_ERROR), before applying the statement. */
        final Map<String, BatchStatementErrorCodeEnum> failOnce = new ConcurrentHashMap<>();

        final List<List<String>> statementBatches = new CopyOnWriteArrayList<>();

        /** PartiQL as MergeWriter writes it: UPDATE fails on a missing item, INSERT on an existing one. */
        @Override
        public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
            enter();
            try {
                List<String> keys = new ArrayList<>();
                List<BatchStatementResponse> responses = new ArrayList<>();
                for (BatchStatementRequest st : request.statements()) {
                    boolean update = st.statement().startsWith("UPDATE ");
                    List<AttributeValue> p = st.parameters();
                    String key = update ? p.getLast().s() : p.getFirst().s();
                    keys.add(key);
                    BatchStatementErrorCodeEnum injected = failOnce.remove(key);
                    BatchStatementErrorCodeEnum error = injected != null
                            ? injected
                            : update && !table.containsKey(key)
                                    ? BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED
                                    : !update && table.containsKey(key)
                                            ? BatchStatementErrorCodeEnum.DUPLICATE_ITEM
                                            : null;
                    if (error != null) {
                        responses.add(BatchStatementResponse.builder()
                                .error(e -> e.code(error).message("fake " + error))
                                .build());
                        continue;
                    }
                    table.put(key, p.size() > 1 ? Map.of("seq", update ? p.getFirst() : p.get(1)) : Map.of());
                    responses.add(BatchStatementResponse.builder().build());
                }
                statementBatches.add(keys);
                return BatchExecuteStatementResponse.builder()
                        .responses(responses)
                        .build();
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    static MappedRow.Item item(String key, int seq) {
        return new MappedRow.Item(new RowKey(key, null), Map.of("seq", new Cell.Num(Integer.toString(seq))));
    }

    @Test
    void batchesHoldAtMost25ItemsAndNeverTheSameKeyTwice() throws InterruptedException {
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        try (BatchPutWriter writer = new BatchPutWriter(ddb, "t", KEYS, 4, NO_WAIT)) {
            for (int i = 0; i < 1_003; i++) {
                writer.add(item(Integer.toString(i % 10 == 0 ? 0 : i), i));
            }
            writer.finish();
        }

        assertThat(ddb.batches).allSatisfy(batch -> {
            assertThat(batch).hasSizeLessThanOrEqualTo(BatchPutWriter.MAX_BATCH_WRITE_ITEMS);
            Set<String> keys = new HashSet<>();
            batch.forEach(w ->
                    assertThat(keys.add(w.putRequest().item().get("id").s())).isTrue());
        });
        assertThat(ddb.batches.stream().mapToInt(List::size).max().orElseThrow())
                .isEqualTo(25);
        assertThat(ddb.table.get("0").get("seq").n()).isEqualTo("1000");
    }

    @Test
    void putKeepsTheLastRowOfEveryKeyWithWritesInFlightAndBoundsConcurrency() throws InterruptedException {
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        try (BatchPutWriter writer = new BatchPutWriter(ddb, "t", KEYS, 3, NO_WAIT)) {
            for (int i = 0; i < 3_000; i++) {
                writer.add(item(Integer.toString(i % 53), i));
            }
            writer.finish();
        }

        for (int k = 0; k < 53; k++) {
            assertThat(ddb.table.get(Integer.toString(k)).get("seq").n())
                    .isEqualTo(Integer.toString(k + 53 * ((2999 - k) / 53)));
        }
        assertThat(ddb.peak.get()).isBetween(1, 3);
    }

    @Test
    void mergeAppliesRowsOfAKeyInFileOrderAndBoundsConcurrency() throws InterruptedException {
        // 97 keys: a batch of 25 fills before a key repeats, so several batches can be in flight at once.
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        try (MergeWriter writer = new MergeWriter(ddb, "t", KEYS, 4, NO_WAIT)) {
            for (int i = 0; i < 3_000; i++) {
                writer.add(item(Integer.toString(i % 97), i));
            }
            writer.finish();
        }

        for (int k = 0; k < 97; k++) {
            assertThat(ddb.table.get(Integer.toString(k)).get("seq").n())
                    .isEqualTo(Integer.toString(k + 97 * ((2999 - k) / 97)));
        }
        assertThat(ddb.peak.get()).isBetween(2, 4);
    }

    @Test
    void mergeBatchesHoldAtMost25StatementsNeverTheSameKeyTwiceAndKeepFileOrder() throws InterruptedException {
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        List<String> sent = new ArrayList<>();
        try (MergeWriter writer = new MergeWriter(ddb, "t", KEYS, 4, NO_WAIT)) {
            for (int i = 0; i < 1_003; i++) {
                String key = Integer.toString(i % 50 == 0 ? 0 : i); // "0" again every 50 rows: a split
                sent.add(key);
                writer.add(item(key, i));
            }
            writer.finish();
        }

        assertThat(ddb.statementBatches).allSatisfy(batch -> {
            assertThat(batch).hasSizeLessThanOrEqualTo(MergeWriter.MAX_BATCH_STATEMENTS);
            assertThat(new HashSet<>(batch)).as("keys of one batch").hasSameSizeAs(batch);
        });
        assertThat(ddb.statementBatches.stream().mapToInt(List::size).max().orElseThrow())
                .isEqualTo(25);
        // New keys cost a second statement only until the writer learns the table is empty (the batches already in
        // flight by then, at most concurrency of 25), plus one for each later row of the repeated key "0".
        assertThat(ddb.statementBatches.stream().mapToInt(List::size).sum())
                .isBetween(sent.size(), sent.size() + 5 * 25 + 20);
        assertThat(ddb.table.get("0").get("seq").n()).isEqualTo("1000");
        assertThat(ddb.table.get("999").get("seq").n()).isEqualTo("999");
        assertThat(ddb.table).hasSize((int) sent.stream().distinct().count());
    }

    @Test
    void mergeLearnsToInsertFirstIntoAnEmptyTableAndToUpdateFirstOverExistingItems() throws InterruptedException {
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        try (MergeWriter writer = new MergeWriter(ddb, "t", KEYS, 1, NO_WAIT)) {
            for (int i = 0; i < 100; i++) {
                writer.add(item(Integer.toString(i), i));
            }
            // The same keys again: every INSERT is refused once, then the writer goes back to UPDATE first.
            for (int i = 0; i < 100; i++) {
                writer.add(item(Integer.toString(i), 1_000 + i));
            }
            writer.finish();
        }

        // 100 new keys: UPDATE batch refused + INSERT, then 3 INSERT batches; 100 existing: INSERT refused + UPDATE,
        // then 3 UPDATE batches.
        assertThat(ddb.statementBatches).hasSize(10);
        for (int i = 0; i < 100; i++) {
            assertThat(ddb.table.get(Integer.toString(i)).get("seq").n()).isEqualTo(Integer.toString(1_000 + i));
        }
    }

    @Test
    void mergeResendsThrottledStatementsAloneAndCountsTheRetry() throws InterruptedException {
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        for (int k = 0; k < 5; k++) {
            ddb.table.put(Integer.toString(k), Map.of("seq", AttributeValue.fromN("-1")));
        }
        ddb.failOnce.put("3", BatchStatementErrorCodeEnum.THROTTLING_ERROR);
        long retries;
        try (MergeWriter writer = new MergeWriter(ddb, "t", KEYS, 1, NO_WAIT)) {
            for (int k = 0; k < 5; k++) {
                writer.add(item(Integer.toString(k), k));
            }
            writer.finish();
            retries = writer.retries();
        }

        assertThat(ddb.statementBatches).containsExactly(List.of("0", "1", "2", "3", "4"), List.of("3"));
        for (int k = 0; k < 5; k++) {
            assertThat(ddb.table.get(Integer.toString(k)).get("seq").n()).isEqualTo(Integer.toString(k));
        }
        assertThat(retries).isEqualTo(1);
    }

    @Test
    void mergeStatementValidationErrorFailsTheWriteAsAValidationException() throws InterruptedException {
        RecordingDynamoDb ddb = new RecordingDynamoDb();
        ddb.table.put("1", Map.of());
        ddb.failOnce.put("1", BatchStatementErrorCodeEnum.VALIDATION_ERROR);
        try (MergeWriter writer = new MergeWriter(ddb, "t", KEYS, 1, NO_WAIT)) {
            writer.add(item("1", 1));
            assertThatThrownBy(writer::finish)
                    .isInstanceOfSatisfying(
                            DynamoDbException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("UPDATE of key")
                    .hasMessageContaining("ValidationError");
        }
    }

    @Test
    void mergeStatementsQuoteNamesAndPutValuesBeforeTheKey() {
        KeyColumns keys = KeyColumns.of("id", "ts");
        var item = new MappedRow.Item(new RowKey("1", "a"), Map.of("it's", new Cell.Str("Ann")));

        var update = MergeWriter.statement("my-table", keys, new MergeWriter.Statement(item, MergeWriter.Phase.UPDATE));
        var insert = MergeWriter.statement("my-table", keys, new MergeWriter.Statement(item, MergeWriter.Phase.INSERT));

        assertThat(update.statement()).isEqualTo("UPDATE \"my-table\" SET \"it's\"=? WHERE \"id\"=? AND \"ts\"=?");
        assertThat(update.parameters())
                .containsExactly(AttributeValue.fromS("Ann"), AttributeValue.fromS("1"), AttributeValue.fromS("a"));
        assertThat(insert.statement()).isEqualTo("INSERT INTO \"my-table\" VALUE {'id': ?, 'ts': ?, 'it''s': ?}");
        assertThat(insert.parameters())
                .containsExactly(AttributeValue.fromS("1"), AttributeValue.fromS("a"), AttributeValue.fromS("Ann"));
    }

    @Test
    void mergeSetsOnlyTheRowsAttributesThroughPlaceholders() {
        var request = MergeWriter.request(
                "t", KEYS, new MappedRow.Item(new RowKey("1", null), Map.of("name", new Cell.Str("Ann"))));

        assertThat(request.updateExpression()).isEqualTo("SET #a0 = :v0");
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#a0", "name"));
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":v0", AttributeValue.fromS("Ann")));
        assertThat(request.key()).isEqualTo(Map.of("id", AttributeValue.fromS("1")));
    }

    @Test
    void primingBuildsRequestsFromTheConfiguredKeysWithoutSendingThem() throws Exception {
        var config = LoaderConfigTest.config("KEY_COLUMN", "id", "SORT_KEY_COLUMN", "ts");

        var requests = LoaderRuntime.Priming.prime(config);

        assertThat(requests)
                .singleElement()
                .satisfies(w -> assertThat(w.putRequest().item())
                        .isEqualTo(Map.of(
                                "id",
                                AttributeValue.fromS("1"),
                                "ts",
                                AttributeValue.fromS("a"),
                                "name",
                                AttributeValue.fromS("Ann, A"),
                                "age",
                                AttributeValue.fromN("34"),
                                "active",
                                AttributeValue.fromBool(true))));
    }

    @Test
    void backoffCeilingDoublesUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 12);
        assertThat(List.of(
                        backoff.ceilingMillis(0),
                        backoff.ceilingMillis(1),
                        backoff.ceilingMillis(6),
                        backoff.ceilingMillis(7),
                        backoff.ceilingMillis(40)))
                .containsExactly(50L, 100L, 3200L, 5000L, 5000L);
    }
}
