package dev.sluice.local.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.lambda.runtime.ObjectOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The loader and metadata routes on the local stack, through real S3 events, with DynamoDB Local over HTTP. */
class DynamoDbStackTest {

    @TempDir
    Path dataDir;

    @Test
    void demoLoadsTheGoodSampleRejectsTheBadOneAndSummarisesUploads() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DynamoDbStack dynamoDb = DynamoDbStack.start(0, Optional.of(dataDir), ConfigSource.of(Map.of()));
                LocalStack stack = dynamoDb.register(
                                LocalStack.builder().port(0).dataDir(dataDir))
                        .start()) {

            boolean ok = DynamoDbDemo.run(stack, dynamoDb, new PrintStream(printed, true, UTF_8));

            assertThat(ok).isTrue();
            assertThat(dynamoDb.endpoint().getHost()).isEqualTo("127.0.0.1");
            String out = printed.toString(UTF_8);
            assertThat(out)
                    .contains("age=34 (N), customer_id=123456 (S), date_of_birth=17-04-1987 (S),"
                            + " favourite_colour=Green (S), name=Tom (S)");
            assertThat(out)
                    .contains("rejected: MISSING_KEY_COLUMN -> s3://sluice-errors/dynamodb/"
                            + "aws-csv-processor/sample-bad.csv.error.json");
            assertThat(out).contains("\"rowCount\" : 5");
            assertThat(stack.s3()
                            .getObjectAsBytes(b -> b.bucket(DynamoDbStack.ERRORS_BUCKET)
                                    .key("dynamodb/aws-csv-processor/sample-bad.csv.error.json"))
                            .asUtf8String())
                    .contains("the key column 'customer_id' is not in the header");
        }
    }

    @Test
    void rejectedRowsLandInTheErrorsBucketAndTablesSurviveARestart() throws Exception {
        StringWriter log = new StringWriter();
        try (DynamoDbStack dynamoDb = DynamoDbStack.start(0, Optional.of(dataDir), ConfigSource.of(Map.of()));
                LocalStack stack = dynamoDb.register(
                                LocalStack.builder().port(0).dataDir(dataDir))
                        .start();
                var captured = LogCapture.of("sluice.local", log)) {
            stack.s3()
                    .putObject(
                            b -> b.bucket(DynamoDbStack.SOURCE_BUCKET).key("mixed.csv"),
                            RequestBody.fromString("customer_id,name\n1,Ann\n,Nobody\n"));

            var settled = stack.awaitSettled(DynamoDbStack.SOURCE_BUCKET, "mixed.csv", Duration.ofMinutes(1));
            stack.s3()
                    .putObject(
                            b -> b.bucket(DynamoDbStack.METADATA_SOURCE_BUCKET).key("mixed.csv"),
                            RequestBody.fromString("customer_id,name\n1,Ann\n,Nobody\n"));
            stack.awaitSettled(DynamoDbStack.METADATA_SOURCE_BUCKET, "mixed.csv", Duration.ofMinutes(1));

            // The stack's line per file says what each function did (the loader has no "kept" rows).
            assertThat(log.toString())
                    .containsPattern(
                            "dynamodb-loader s3://sluice-dynamodb-source/mixed\\.csv: rows in 2,"
                                    + " rows loaded 1, rows rejected 1, write retries 0, \\d+ ms -> dynamodb:sluice-customers \\(put\\)")
                    .containsPattern("file-metadata s3://sluice-metadata/mixed\\.csv: csv rows 2, profile errors 0,"
                            + " \\d+ ms -> s3://sluice-metadata-summaries/mixed\\.csv\\.json");

            assertThat(settled.outcome()).isInstanceOf(ObjectOutcome.Processed.class);
            assertThat(stack.s3()
                            .getObjectAsBytes(
                                    b -> b.bucket(DynamoDbStack.ERRORS_BUCKET).key("dynamodb/mixed.csv.rejects.csv"))
                            .asUtf8String())
                    .isEqualTo("line,reason,customer_id,name\n3,EMPTY_KEY: customer_id is empty,,Nobody\n");
        }
        try (DynamoDbStack restarted = DynamoDbStack.start(0, Optional.of(dataDir), ConfigSource.of(Map.of()))) {
            assertThat(restarted
                            .dynamoDb()
                            .client()
                            .scan(b -> b.tableName(DynamoDbStack.TABLE))
                            .items())
                    .singleElement()
                    .satisfies(item -> assertThat(item.get("name").s()).isEqualTo("Ann"));
        }
    }
}
