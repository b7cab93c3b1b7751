package dev.sluice.local.totesys;

import java.net.URI;
import picocli.CommandLine.Option;

/** S3 and warehouse flags shared by {@code totesys transform|load|report}; defaults reach {@code ./sluice up}. */
final class StarCommandOptions {

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:4566",
            description = "S3 endpoint (default: ${DEFAULT-VALUE}, the one ./sluice up starts).")
    URI s3Endpoint;

    @Option(
            names = "--ingestion-bucket",
            paramLabel = "NAME",
            defaultValue = LocalTotesys.INGESTION_BUCKET,
            description = "Ingestion bucket (default: ${DEFAULT-VALUE}).")
    String ingestionBucket;

    @Option(
            names = "--processed-bucket",
            paramLabel = "NAME",
            defaultValue = LocalStar.PROCESSED_BUCKET,
            description = "Processed bucket, created if missing (default: ${DEFAULT-VALUE}).")
    String processedBucket;

    @Option(
            names = "--pg-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalTotesys.DEFAULT_PG_PORT,
            description = "Port of ./sluice up's PostgreSQL on 127.0.0.1, as given to up --pg-port "
                    + "(default: ${DEFAULT-VALUE}).")
    int pgPort;

    @Option(
            names = "--warehouse-url",
            paramLabel = "URL",
            description = "The warehouse database (default: jdbc:postgresql://127.0.0.1:<pg-port>/"
                    + LocalTotesys.WAREHOUSE + ").")
    String warehouseUrl;

    @Option(
            names = {"--db-user", "--warehouse-user"},
            paramLabel = "NAME",
            defaultValue = LocalTotesys.USER,
            description = "Warehouse user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
            names = {"--db-password", "--warehouse-password"},
            paramLabel = "SECRET",
            defaultValue = "${env:SLUICE_DB_PASSWORD:-" + LocalTotesys.PASSWORD + "}",
            description = "Warehouse password (default: $SLUICE_DB_PASSWORD, else the local stack's).")
    String password;

    /** The warehouse to use: {@code --warehouse-url}, else the local stack's on {@code --pg-port}. */
    String warehouseUrl() {
        return warehouseUrl != null ? warehouseUrl : LocalTotesys.localJdbcUrl(pgPort, LocalTotesys.WAREHOUSE);
    }
}
