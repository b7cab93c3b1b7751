package dev.sluice.local.stack;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.lambda.dynamodb.LoaderConfig;
import dev.sluice.lambda.dynamodb.LoaderFunction;
import dev.sluice.lambda.metadata.MetadataConfig;
import dev.sluice.lambda.metadata.MetadataFunction;
import dev.sluice.lambda.runtime.PipelineMetrics;
import dev.sluice.testkit.dynamodb.DynamoDbLocalServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The CSV → DynamoDB loader and the file-metadata function on the local stack, wired as Terraform wires them in AWS:
 * ObjectCreated {@code *.csv} in {@code sluice-dynamodb-source} → loader → table {@code sluice-customers} in DynamoDB
 * Local (rejects and error reports to {@code sluice-errors}); ObjectCreated (any key) in {@code sluice-metadata} →
 * metadata function → {@code sluice-metadata-summaries}. The loader's other settings ({@code WRITE_MODE},
 * {@code TYPE_INFERENCE}, {@code KEY_COLUMN}, ...) come from the same environment variables as the Lambda.
 */
public final class DynamoDbStack implements AutoCloseable {

    public static final String SOURCE_BUCKET = "sluice-dynamodb-source";
    public static final String ERRORS_BUCKET = "sluice-errors";
    public static final String TABLE = "sluice-customers";
    public static final String METADATA_SOURCE_BUCKET = "sluice-metadata";
    public static final String METADATA_BUCKET = "sluice-metadata-summaries";
    public static final String LOADER_ROUTE = "dynamodb-loader";
    public static final String METADATA_ROUTE = "file-metadata";

    private final DynamoDbLocalServer dynamoDb;
    private final LoaderConfig loader;
    private final MetadataConfig metadata;

    private DynamoDbStack(DynamoDbLocalServer dynamoDb, LoaderConfig loader, MetadataConfig metadata) {
        this.dynamoDb = dynamoDb;
        this.loader = loader;
        this.metadata = metadata;
    }

    /**
     * Validates the configuration, then starts DynamoDB Local on 127.0.0.1:{@code port} (0 = any free port) and creates
     * the table when missing.
     *
     * @param dataDir the stack's data folder (tables persist in {@code dynamodb/} under it); empty keeps them in memory
     */
    public static DynamoDbStack start(int port, Optional<Path> dataDir, ConfigSource environment) throws Exception {
        LoaderConfig loader = LoaderConfig.from(ConfigSource.layered(
                Map.of(
                        LoaderConfig.TABLE_NAME, TABLE,
                        LoaderConfig.REJECTS_BUCKET, ERRORS_BUCKET,
                        LoaderConfig.SOURCE_BUCKET, SOURCE_BUCKET),
                environment));
        MetadataConfig metadata = new MetadataConfig(METADATA_BUCKET, Optional.of(METADATA_SOURCE_BUCKET));
        // sqlite4java's natives: Maven copies them next to this module's jar or classes (target/native-libs).
        DynamoDbLocalServer.useNativeLibrariesNextTo(DynamoDbStack.class);
        DynamoDbLocalServer server;
        try {
            server = DynamoDbLocalServer.start(port, dataDir.map(d -> d.resolve("dynamodb")));
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; pick another port with --dynamodb-port", e);
        }
        try {
            server.ensureTable(TABLE, loader.keys().hash(), loader.keys().sort());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new DynamoDbStack(server, loader, metadata);
    }

    /** Adds both functions' buckets and routes. */
    public LocalStack.Builder register(LocalStack.Builder stack) {
        return stack.bucket(SOURCE_BUCKET)
                .bucket(ERRORS_BUCKET)
                .bucket(METADATA_SOURCE_BUCKET)
                .bucket(METADATA_BUCKET)
                .route(
                        LOADER_ROUTE,
                        SOURCE_BUCKET,
                        ".csv",
                        context -> LoaderFunction.pipeline(
                                context.s3(), dynamoDb.client(), loader, PipelineMetrics.none())::process)
                .route(
                        METADATA_ROUTE,
                        METADATA_SOURCE_BUCKET,
                        "",
                        context -> MetadataFunction.pipeline(context.s3(), metadata, PipelineMetrics.none())::process);
    }

    public DynamoDbLocalServer dynamoDb() {
        return dynamoDb;
    }

    public String keyColumn() {
        return loader.keys().hash();
    }

    public URI endpoint() {
        return dynamoDb.endpoint();
    }

    public void printBanner(PrintStream out) {
        out.println("  DynamoDB    : " + dynamoDb.endpoint() + "  table " + TABLE + " (key "
                + loader.keys().hash() + ", write mode "
                + loader.writeMode().name().toLowerCase(java.util.Locale.ROOT) + ")");
        out.println("  Buckets     : " + SOURCE_BUCKET + "  --[*.csv -> loader]-->  " + TABLE + "  (rejects: "
                + ERRORS_BUCKET + "/dynamodb/)");
        out.println("  Buckets     : " + METADATA_SOURCE_BUCKET + "  --[any key -> file metadata]-->  "
                + METADATA_BUCKET + "/<key>.json");
        out.println(
                "  Scan        : aws --endpoint-url " + dynamoDb.endpoint() + " dynamodb scan --table-name " + TABLE);
    }

    @Override
    public void close() throws Exception {
        dynamoDb.close();
    }
}
