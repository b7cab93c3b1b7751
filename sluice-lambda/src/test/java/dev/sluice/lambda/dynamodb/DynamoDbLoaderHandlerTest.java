package dev.sluice.lambda.dynamodb;

import static dev.sluice.lambda.dynamodb.LoaderTestbed.ERRORS;
import static dev.sluice.lambda.dynamodb.LoaderTestbed.KEY;
import static dev.sluice.lambda.dynamodb.LoaderTestbed.SOURCE;
import static dev.sluice.lambda.dynamodb.LoaderTestbed.TABLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.InvocationReport;
import dev.sluice.lambda.runtime.ObjectOutcome;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.lambda.testing.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The loader against DynamoDB Local and S3Proxy over HTTP, both in-process, started once for the class. */
class DynamoDbLoaderHandlerTest {

    private static LoaderTestbed testbed;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        testbed = LoaderTestbed.start();
        s3 = testbed.s3();
        dynamoDb = testbed.dynamoDb().client();
    }

    @AfterAll
    static void stop() throws Exception {
        testbed.close();
    }

    @BeforeEach
    void reset() {
        testbed.emptyBuckets();
        testbed.emptyTable();
    }

    static ObjectPipeline pipeline(String... env) {
        Map<String, String> map = new HashMap<>(Map.of("TABLE_NAME", TABLE, "REJECTS_BUCKET", ERRORS));
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return LoaderFunction.pipeline(s3, dynamoDb, LoaderConfig.from(ConfigSource.of(map)), PipelineMetrics.none());
    }

    static void put(String key, String csv) {
        s3.putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromString(csv));
    }

    static void putResource(String key, String resource) throws IOException {
        try (InputStream in = DynamoDbLoaderHandlerTest.class.getResourceAsStream(resource)) {
            s3.putObject(b -> b.bucket(SOURCE).key(key), RequestBody.fromBytes(in.readAllBytes()));
        }
    }

    static InvocationReport load(String key, String... env) {
        return pipeline(env).process(List.of(S3ObjectRef.of(SOURCE, key)));
    }

    static Map<String, Map<String, AttributeValue>> table() {
        return testbed.items();
    }

    static String text(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    static boolean exists(String bucket, String key) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    static ObjectOutcome.Processed processed(InvocationReport report) {
        assertThat(report.outcomes()).hasSize(1).first().isInstanceOf(ObjectOutcome.Processed.class);
        return report.processed().getFirst();
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb-sample-good-event.json", type = S3Event.class)
    void seedSampleLoadsOneTypedItemPerRowThroughTheHandler(S3Event event) throws IOException {
        putResource("incoming/sample good.csv", "/dynamodb/sample-good.csv");

        new DynamoDbLoaderHandler(pipeline()).handleRequest(event, new TestContext());

        assertThat(table()).hasSize(5);
        assertThat(table().get("123456"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        KEY,
                        s("123456"),
                        "name",
                        s("Tom"),
                        "age",
                        n("34"),
                        "date_of_birth",
                        s("17-04-1987"),
                        "favourite_colour",
                        s("Green")));
        assertThat(exists(ERRORS, "dynamodb/incoming/sample good.csv.rejects.csv"))
                .isFalse();
    }

    @ParameterizedTest
    @Event(value = "events/dynamodb-sample-bad-event.json", type = S3Event.class)
    void fileWithoutTheKeyColumnIsRejectedBeforeAnyWriteWithAnErrorReport(S3Event event) throws IOException {
        putResource("incoming/sample-bad.csv", "/dynamodb/sample-bad.csv");

        new DynamoDbLoaderHandler(pipeline()).handleRequest(event, new TestContext());

        assertThat(table()).isEmpty();
        assertThat(text(ERRORS, "dynamodb/incoming/sample-bad.csv.error.json"))
                .contains("\"reason\" : \"MISSING_KEY_COLUMN\"")
                .contains("\"table\" : \"sluice-customers\"")
                .contains("the key column 'customer_id' is not in the header; the header is [name, age,"
                        + " date_of_birth, favourite_colour]; nothing was written to sluice-customers")
                .contains("\"line\" : 1");
        assertThat(exists(ERRORS, "dynamodb/incoming/sample-bad.csv.rejects.csv"))
                .isFalse();
    }

    @Test
    void autoInferenceTypesNumbersBooleansAndStringsAndOmitsEmptyCells() {
        put(
                "types.csv",
                "customer_id,plain,decimal,signed,exp,dot,zip,flag,empty,text,huge\n"
                        + "007,34,5.10,+6,1.5e3,.5,00123,TRUE,,hello,1e200\n");

        processed(load("types.csv"));

        Map<String, AttributeValue> item = table().get("007");
        assertThat(item.keySet())
                .containsExactlyInAnyOrder(
                        KEY, "plain", "decimal", "signed", "exp", "dot", "zip", "flag", "text", "huge");
        assertThat(item.get(KEY)).isEqualTo(s("007"));
        for (var e : Map.of("plain", "34", "decimal", "5.10", "signed", "6", "exp", "1500", "dot", "0.5")
                .entrySet()) {
            assertThat(new BigDecimal(item.get(e.getKey()).n())).as(e.getKey()).isEqualByComparingTo(e.getValue());
        }
        assertThat(item.get("zip")).isEqualTo(s("00123"));
        assertThat(item.get("flag")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(item.get("text")).isEqualTo(s("hello"));
        assertThat(item.get("huge")).isEqualTo(s("1e200"));
    }

    @Test
    void stringsInferenceStoresEveryCellAsAString() {
        put("strings.csv", "customer_id,age,flag,empty\n1,34,true,\n");

        processed(load("strings.csv", "TYPE_INFERENCE", "strings"));

        assertThat(table().get("1"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(KEY, s("1"), "age", s("34"), "flag", s("true")));
    }

    @Test
    void mergeUpdatesOnlyTheRowsAttributesAndKeepsTheOthers() {
        dynamoDb.putItem(b ->
                b.tableName(TABLE).item(Map.of(KEY, s("1"), "name", s("Old"), "age", n("30"), "loyalty", s("gold"))));
        put("merge.csv", "customer_id,name,age\n1,New,\n2,Ann,41\n");

        processed(load("merge.csv", "WRITE_MODE", "merge"));

        assertThat(table().get("1"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(KEY, s("1"), "name", s("New"), "age", n("30"), "loyalty", s("gold")));
        assertThat(table().get("2"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(KEY, s("2"), "name", s("Ann"), "age", n("41")));
    }

    @Test
    void mergeBatchesMixingExistingAndNewItemsAndKeyOnlyRowsLoseNothing() {
        // DynamoDB Local runs the PartiQL: UPDATE on a missing item fails alone (ConditionalCheckFailed) and goes
        // again as INSERT; a key-only row creates a bare item or leaves an existing one as it is.
        int rows = 80;
        for (int k = 0; k < rows; k += 2) {
            int key = k;
            dynamoDb.putItem(b -> b.tableName(TABLE)
                    .item(Map.of(KEY, s(Integer.toString(key)), "loyalty", s("gold"), "age", n("30"))));
        }
        StringBuilder csv = new StringBuilder("customer_id,name,age\n");
        for (int k = 0; k < rows; k++) {
            csv.append(k).append(k % 5 == 0 ? ",," : ",N" + k + ",").append('\n');
        }
        put("merge-mixed.csv", csv.toString());

        var result = processed(load("merge-mixed.csv", "WRITE_MODE", "merge")).result();

        Map<String, Map<String, AttributeValue>> table = table();
        assertThat(table).hasSize(rows);
        assertThat(result.counts()).containsEntry("RowsLoaded", (long) rows);
        for (int k = 0; k < rows; k++) {
            Map<String, AttributeValue> expected = new HashMap<>(Map.of(KEY, s(Integer.toString(k))));
            if (k % 2 == 0) {
                expected.putAll(Map.of("loyalty", s("gold"), "age", n("30")));
            }
            if (k % 5 != 0) {
                expected.put("name", s("N" + k));
            }
            assertThat(table.get(Integer.toString(k))).as("key " + k).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void putReplacesTheWholeItem() {
        dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(KEY, s("1"), "loyalty", s("gold"))));
        put("put.csv", "customer_id,name\n1,New\n");

        processed(load("put.csv"));

        assertThat(table().get("1")).containsExactlyInAnyOrderEntriesOf(Map.of(KEY, s("1"), "name", s("New")));
    }

    @Test
    void emptyKeysAndRaggedRowsGoToTheRejectsFileAndTheOtherRowsLoad() {
        put(
                "in/mixed.csv",
                "customer_id,name,note\n"
                        + "1,Ann,ok\n"
                        + ",Bob,no key\n"
                        + "3,Cy,\"too, many\",extra\n"
                        + "4,Di\n"
                        + "5,Ed,trailing,,\n");

        var result = processed(load("in/mixed.csv")).result();

        assertThat(table().keySet()).containsExactlyInAnyOrder("1", "4", "5");
        assertThat(result.counts())
                .containsEntry("RowsIn", 5L)
                .containsEntry("RowsLoaded", 3L)
                .containsEntry("RowsRejected", 2L);
        assertThat(text(ERRORS, "dynamodb/in/mixed.csv.rejects.csv"))
                .isEqualTo("line,reason,customer_id,name,note\n"
                        + "3,EMPTY_KEY: customer_id is empty,,Bob,no key\n"
                        + "4,RAGGED_ROW: the row has 4 cells but the header has 3 columns; cell 4 is not empty,3,Cy,"
                        + "\"too, many\",extra\n");
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void duplicateKeysAcrossBatchesAndWritesInFlightLeaveTheLastRow(WriteMode mode) {
        StringBuilder csv = new StringBuilder("customer_id,seq,only_first\n");
        int rows = 600;
        for (int i = 0; i < rows; i++) {
            csv.append(i % 37)
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(i < 37 ? "yes" : "")
                    .append('\n');
        }
        put("dups.csv", csv.toString());

        processed(load("dups.csv", "WRITE_MODE", mode.name(), "WRITE_CONCURRENCY", "8"));

        Map<String, Map<String, AttributeValue>> table = table();
        assertThat(table).hasSize(37);
        for (int k = 0; k < 37; k++) {
            int last = rows - 1 - ((rows - 1 - k) % 37);
            assertThat(table.get(Integer.toString(k)).get("seq")).as("key " + k).isEqualTo(n(Integer.toString(last)));
            // put replaces the item; merge keeps what earlier rows set
            assertThat(table.get(Integer.toString(k)).containsKey("only_first")).isEqualTo(mode == WriteMode.MERGE);
        }
    }

    @Test
    void hundredThousandRowsLoadExactly() {
        StringBuilder csv = new StringBuilder("customer_id,name,age,score,active,city\n");
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            csv.append("C")
                    .append(i)
                    .append(",name")
                    .append(i)
                    .append(',')
                    .append(i % 90)
                    .append(',')
                    .append(i % 1000)
                    .append(".5,")
                    .append(i % 2 == 0)
                    .append(",city")
                    .append(i % 50)
                    .append('\n');
        }
        put("big.csv", csv.toString());

        var result = processed(load("big.csv")).result();

        assertThat(result.counts())
                .containsEntry("RowsIn", (long) rows)
                .containsEntry("RowsLoaded", (long) rows)
                .containsEntry("RowsRejected", 0L);
        assertThat(dynamoDb.scanPaginator(b -> b.tableName(TABLE).select("COUNT")).stream()
                        .mapToInt(r -> r.count())
                        .sum())
                .isEqualTo(rows);
        assertThat(dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(KEY, s("C99999"))))
                        .item())
                .containsEntry("score", n("999.5"))
                .containsEntry("active", AttributeValue.fromBool(false));
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void processingTheSameFileTwiceLeavesTheSameTableAndReports(WriteMode mode) {
        put("again.csv", "customer_id,name,age\n1,Ann,41\n2,Bob,\n,Nobody,1\n1,Ann B,42\n");
        load("again.csv", "WRITE_MODE", mode.name());
        var firstTable = table();
        String firstRejects = text(ERRORS, "dynamodb/again.csv.rejects.csv");

        var second = processed(load("again.csv", "WRITE_MODE", mode.name()));

        assertThat(table()).isEqualTo(firstTable);
        assertThat(text(ERRORS, "dynamodb/again.csv.rejects.csv")).isEqualTo(firstRejects);
        assertThat(second.result().counts()).containsEntry("RowsRejected", 1L);
        assertThat(firstTable.get("1")).containsEntry("name", s("Ann B")).containsEntry("age", n("42"));
    }

    @Test
    void aCleanLoadOfAKeyDeletesTheReportsItsEarlierRunsLeftAndOnlyThose() {
        put("other.csv", "name\nX\n");
        load("other.csv");
        put("fixed.csv", "name\nAnn\n"); // no key column: the whole file is rejected
        load("fixed.csv");
        assertThat(exists(ERRORS, "dynamodb/fixed.csv.error.json")).isTrue();

        put("fixed.csv", "customer_id,name\n1,Ann\n,Nobody\n"); // loads, with one rejected row
        processed(load("fixed.csv"));
        assertThat(exists(ERRORS, "dynamodb/fixed.csv.error.json")).isFalse();
        assertThat(exists(ERRORS, "dynamodb/fixed.csv.rejects.csv")).isTrue();

        put("fixed.csv", "customer_id,name\n1,Ann\n2,Bob\n"); // clean
        var clean = processed(load("fixed.csv"));

        assertThat(clean.result().counts()).containsEntry("RowsLoaded", 2L).containsEntry("RowsRejected", 0L);
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(ERRORS)).contents())
                .extracting(S3Object::key)
                .containsExactly("dynamodb/other.csv.error.json");
    }

    @Test
    void headerOnlyFileLoadsNothingAndSucceeds() {
        put("empty-rows.csv", "customer_id,name\n");

        var result = processed(load("empty-rows.csv")).result();

        assertThat(result.counts()).containsEntry("RowsIn", 0L);
        assertThat(table()).isEmpty();
    }

    @Test
    void malformedCsvIsParkedWithItsLine() {
        put("broken.csv", "customer_id,name\n1,Ann\n2,\"open\n");

        InvocationReport report = load("broken.csv");

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.failure().reason()).isEqualTo("MALFORMED_CSV");
            assertThat(f.failure().line()).isEqualTo(3);
            assertThat(f.reportLocation()).isEqualTo("s3://sluice-errors/dynamodb/broken.csv.error.json");
        });
    }

    @Test
    void aUtf16FileIsParkedAsUnsupportedEncodingAndNothingIsLoaded() {
        byte[] utf16 = "\uFEFFcustomer_id,name\n1,Ann\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        s3.putObject(b -> b.bucket(SOURCE).key("utf16.csv"), RequestBody.fromBytes(utf16));

        InvocationReport report = load("utf16.csv");

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.isTransient()).isFalse();
            assertThat(f.failure().reason()).isEqualTo("UNSUPPORTED_ENCODING");
            assertThat(f.failure().getMessage()).contains("looks like UTF-16LE");
        });
        assertThat(table()).isEmpty();
    }

    @Test
    void aRowLongerThanMaxRecordSizeIsParkedWithItsLine() {
        put("long.csv", "customer_id,name\n1,Ann\n2," + "x".repeat(3000) + "\n");

        InvocationReport report = load("long.csv", "MAX_RECORD_SIZE", "2K");

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.failure().reason()).isEqualTo("RECORD_TOO_LONG");
            assertThat(f.failure().line()).isEqualTo(3);
            assertThat(f.failure().getMessage()).contains("(raise MAX_RECORD_SIZE if the row is real)");
        });
    }

    @Test
    void rejectsAndErrorReportsInTheErrorsBucketAreNeverLoaded() {
        var report = pipeline().process(List.of(S3ObjectRef.of(ERRORS, "dynamodb/x.csv.rejects.csv")));
        assertThat(report.skipped()).hasSize(1);
    }
}
