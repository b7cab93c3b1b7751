package dev.sluice.local.stack;

import dev.sluice.lambda.runtime.ObjectOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The loader and metadata part of {@code sluice demo}: uploads the seed's {@code sample-good.csv} and
 * {@code sample-bad.csv} to the loader's bucket and {@code sample-good.csv} to the metadata bucket, then prints the
 * table's items, the rejected file's error report and the metadata summary.
 */
public final class DynamoDbDemo {

    static final String GOOD = "aws-csv-processor/sample-good.csv";
    static final String BAD = "aws-csv-processor/sample-bad.csv";
    private static final Duration WAIT = Duration.ofMinutes(2);

    private DynamoDbDemo() {}

    /** Returns true when the good file loaded its 5 rows and the bad file was rejected for its missing key column. */
    public static boolean run(LocalStack stack, DynamoDbStack dynamo, PrintStream out)
            throws IOException, InterruptedException {
        S3Client s3 = stack.s3();
        for (String sample : List.of(GOOD, BAD)) {
            s3.putObject(
                    b -> b.bucket(DynamoDbStack.SOURCE_BUCKET).key(sample), RequestBody.fromBytes(resource(sample)));
        }
        s3.putObject(
                b -> b.bucket(DynamoDbStack.METADATA_SOURCE_BUCKET).key(GOOD).contentType("text/csv"),
                RequestBody.fromBytes(resource(GOOD)));
        ObjectOutcome good = await(stack, DynamoDbStack.SOURCE_BUCKET, GOOD);
        ObjectOutcome bad = await(stack, DynamoDbStack.SOURCE_BUCKET, BAD);
        ObjectOutcome summary = await(stack, DynamoDbStack.METADATA_SOURCE_BUCKET, GOOD);

        out.println();
        out.println("CSV -> DynamoDB (" + dynamo.endpoint() + ", table " + DynamoDbStack.TABLE + "):");
        out.println("  " + GOOD + ": " + describe(good));
        List<Map<String, AttributeValue>> items = items(dynamo);
        items.forEach(item -> out.println("    " + format(item)));
        out.println("  " + BAD + ": " + describe(bad));
        if (bad instanceof ObjectOutcome.Failed f) {
            out.println("    " + f.failure().getMessage());
        }
        out.println();
        out.println("File metadata (" + DynamoDbStack.METADATA_BUCKET + "/" + GOOD + ".json): " + describe(summary));
        if (summary instanceof ObjectOutcome.Processed) {
            out.println(s3.getObjectAsBytes(
                            b -> b.bucket(DynamoDbStack.METADATA_BUCKET).key(GOOD + ".json"))
                    .asString(StandardCharsets.UTF_8)
                    .stripTrailing()
                    .indent(4)
                    .stripTrailing());
        }
        return good instanceof ObjectOutcome.Processed p
                && p.result().count("RowsLoaded") == 5
                && items.size() == 5
                && bad instanceof ObjectOutcome.Failed f
                && !f.isTransient()
                && f.failure().reason().equals("MISSING_KEY_COLUMN")
                && summary instanceof ObjectOutcome.Processed;
    }

    private static ObjectOutcome await(LocalStack stack, String bucket, String key) throws InterruptedException {
        try {
            return stack.awaitSettled(bucket, key, WAIT).outcome();
        } catch (TimeoutException e) {
            return null;
        }
    }

    private static String describe(ObjectOutcome outcome) {
        return switch (outcome) {
            case ObjectOutcome.Processed p ->
                "processed " + p.result().counts() + " -> " + p.result().output();
            case ObjectOutcome.Failed f ->
                "rejected: " + f.failure().reason() + (f.reportLocation() == null ? "" : " -> " + f.reportLocation());
            case ObjectOutcome.Skipped s -> "skipped: " + s.reason();
            case null -> "no result within " + WAIT;
        };
    }

    private static List<Map<String, AttributeValue>> items(DynamoDbStack dynamo) {
        return dynamo.dynamoDb().client().scanPaginator(b -> b.tableName(DynamoDbStack.TABLE)).items().stream()
                .sorted(Comparator.comparing(i -> i.get(dynamo.keyColumn()).s()))
                .toList();
    }

    /** {@code customer_id=123456 (S), age=34 (N), ...}: each attribute with its DynamoDB type. */
    static String format(Map<String, AttributeValue> item) {
        return new TreeMap<>(item)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=" + value(e.getValue()))
                        .collect(Collectors.joining(", "));
    }

    private static String value(AttributeValue v) {
        if (v.s() != null) {
            return v.s() + " (S)";
        }
        if (v.n() != null) {
            return v.n() + " (N)";
        }
        return v.bool() != null ? v.bool() + " (BOOL)" : v.toString();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DynamoDbDemo.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("demo sample missing from the jar: " + name);
            }
            return in.readAllBytes();
        }
    }
}
