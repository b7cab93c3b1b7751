package dev.sluice.bench.dynamodb;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRecord;
import dev.sluice.lambda.dynamodb.LoaderConfig;
import dev.sluice.lambda.dynamodb.LoaderFunction;
import dev.sluice.lambda.runtime.InvocationReport;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.testkit.dynamodb.DynamoDbLocalServer;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Items per second loading a 6-column CSV from S3 (in-process S3Proxy) into DynamoDB Local (in-process, HTTP):
 * the seed's way (one PutItem per row, sequentially, every value a string) against our loader in {@code put} and
 * {@code merge} modes. Each run starts from an empty table and is checked by counting the table afterwards; "merge
 * existing" times a merge onto a table already loaded with the same keys (every row updates an item).
 *
 * <p>Usage: {@code DynamoDbLoadBench [rows=100000] [baselineRows=20000] [concurrency=8] [repeats=2]}.
 * Run it through {@code bench/dynamodb-bench.sh}.
 */
public final class DynamoDbLoadBench {

    static final String BUCKET = "bench-source";
    static final String ERRORS = "bench-errors";
    static final String TABLE = "bench-customers";
    static final String KEY = "customer_id";

    private final S3Client s3;
    private final DynamoDbLocalServer dynamoDb;

    DynamoDbLoadBench(S3Client s3, DynamoDbLocalServer dynamoDb) {
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
    }

    public static void main(String[] args) throws Exception {
        int rows = arg(args, 0, 100_000);
        int baselineRows = arg(args, 1, 20_000);
        int concurrency = arg(args, 2, 8);
        int repeats = arg(args, 3, 2);
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, concurrency)));
        }
        try (S3ProxyServer s3 = S3ProxyServer.withBuckets(BUCKET, ERRORS);
                DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start(0, Optional.empty())) {
            new DynamoDbLoadBench(s3.client(), dynamoDb).run(rows, baselineRows, concurrency, repeats);
        }
    }

    void run(int rows, int baselineRows, int concurrency, int repeats) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "DynamoDB Local load benchmark: %d rows x 6 columns (baseline: %d rows),"
                        + " concurrency %d, %d cores, Java %s%n",
                rows,
                baselineRows,
                concurrency,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        upload("warmup.csv", 5_000);
        upload("rows.csv", rows);
        upload("baseline.csv", baselineRows);
        // Warm-up: JIT, connections, DynamoDB Local's own code paths; not reported.
        baseline("warmup.csv", 5_000);
        loader("warmup.csv", "put", concurrency);
        loader("warmup.csv", "merge", concurrency);

        double best = 0;
        for (int r = 1; r <= repeats; r++) {
            double base = report("baseline PutItem x1", r, baselineRows, baseline("baseline.csv", baselineRows), 0);
            best = Math.max(best, base);
            for (String mode : List.of("put", "merge")) {
                report("sluice " + mode, r, rows, loader("rows.csv", mode, concurrency), best);
            }
            // merge onto a table that already holds every item: each row is an UPDATE of an existing item, where
            // the run above (empty table) creates every item.
            report("sluice merge existing", r, rows, mergeOntoLoadedTable("rows.csv", concurrency), best);
        }
    }

    private static double report(String name, int repeat, int rows, long nanos, double baselineItemsPerSecond) {
        double seconds = nanos / 1e9;
        double itemsPerSecond = rows / seconds;
        String ratio = baselineItemsPerSecond > 0
                ? String.format(Locale.ROOT, "  %.1fx baseline", itemsPerSecond / baselineItemsPerSecond)
                : "";
        System.out.printf(
                Locale.ROOT,
                "%-22s run %d: %7d items in %7.2f s = %8.0f items/s%s%n",
                name,
                repeat,
                rows,
                seconds,
                itemsPerSecond,
                ratio);
        return itemsPerSecond;
    }

    /** The seed's loader: stream the CSV, one PutItem per row, every value a string, one after another. */
    long baseline(String key, int expectedRows) throws Exception {
        DynamoDbClient client = freshTable();
        long start = System.nanoTime();
        try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key(key));
                CsvReader reader = CsvReader.of(in)) {
            List<String> header = reader.next().fields();
            for (CsvRecord row = reader.next(); row != null; row = reader.next()) {
                Map<String, AttributeValue> item = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    item.put(header.get(i), AttributeValue.fromS(row.field(i)));
                }
                client.putItem(b -> b.tableName(TABLE).item(item));
            }
        }
        long elapsed = System.nanoTime() - start;
        check(expectedRows);
        return elapsed;
    }

    long loader(String key, String mode, int concurrency) throws Exception {
        freshTable();
        return timedLoad(key, mode, concurrency);
    }

    /** Loads {@code key} with put (not timed), then times a merge of the same rows onto those items. */
    long mergeOntoLoadedTable(String key, int concurrency) throws Exception {
        freshTable();
        timedLoad(key, "put", concurrency);
        return timedLoad(key, "merge", concurrency);
    }

    private long timedLoad(String key, String mode, int concurrency) throws Exception {
        ObjectPipeline pipeline = LoaderFunction.pipeline(
                s3,
                dynamoDb.client(),
                LoaderConfig.from(ConfigSource.of(Map.of(
                        "TABLE_NAME",
                        TABLE,
                        "REJECTS_BUCKET",
                        ERRORS,
                        "WRITE_MODE",
                        mode,
                        "WRITE_CONCURRENCY",
                        Integer.toString(concurrency)))),
                PipelineMetrics.none());
        long start = System.nanoTime();
        InvocationReport report = pipeline.process(List.of(S3ObjectRef.of(BUCKET, key)));
        long elapsed = System.nanoTime() - start;
        if (report.processed().size() != 1) {
            throw new IllegalStateException("load failed: " + report);
        }
        check(report.processed().getFirst().result().count("RowsIn"));
        return elapsed;
    }

    private DynamoDbClient freshTable() {
        DynamoDbClient client = dynamoDb.client();
        if (client.listTables().tableNames().contains(TABLE)) {
            client.deleteTable(b -> b.tableName(TABLE));
        }
        dynamoDb.ensureTable(TABLE, KEY, Optional.empty());
        return client;
    }

    private void check(long expected) {
        long count = dynamoDb.client().scanPaginator(b -> b.tableName(TABLE).select("COUNT")).stream()
                .mapToLong(r -> r.count())
                .sum();
        if (count != expected) {
            throw new IllegalStateException("the table holds " + count + " items, expected " + expected);
        }
    }

    /** Deterministic rows: unique keys, an integer, a decimal, a boolean and two strings. */
    private void upload(String key, int rows) {
        StringBuilder csv = new StringBuilder(rows * 48).append("customer_id,name,age,balance,active,city\n");
        for (int i = 0; i < rows; i++) {
            csv.append("C")
                    .append(1_000_000 + i)
                    .append(",Customer ")
                    .append(i)
                    .append(',')
                    .append(18 + i % 70)
                    .append(',')
                    .append(i % 10_000)
                    .append('.')
                    .append(i % 100)
                    .append(',')
                    .append(i % 3 == 0)
                    .append(",City ")
                    .append(i % 500)
                    .append('\n');
        }
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(csv.toString(), StandardCharsets.UTF_8));
    }

    private static int arg(String[] args, int index, int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }
}
