package dev.sluice.lambda.dynamodb;

import dev.sluice.testkit.dynamodb.DynamoDbLocalServer;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** What the loader's tests run against: S3Proxy with the source and errors buckets, and in-memory DynamoDB Local. */
final class LoaderTestbed implements AutoCloseable {

    static final String SOURCE = "sluice-dynamodb-source";
    static final String ERRORS = "sluice-errors";
    static final String TABLE = "sluice-customers";
    static final String KEY = "customer_id";

    private final S3ProxyServer s3Server;
    private final DynamoDbLocalServer dynamoDb;

    private LoaderTestbed(S3ProxyServer s3Server, DynamoDbLocalServer dynamoDb) {
        this.s3Server = s3Server;
        this.dynamoDb = dynamoDb;
    }

    static LoaderTestbed start() throws Exception {
        S3ProxyServer s3Server = S3ProxyServer.withBuckets(SOURCE, ERRORS);
        try {
            return new LoaderTestbed(s3Server, DynamoDbLocalServer.start(0, Optional.empty()));
        } catch (Exception e) {
            s3Server.close();
            throw e;
        }
    }

    S3Client s3() {
        return s3Server.client();
    }

    DynamoDbLocalServer dynamoDb() {
        return dynamoDb;
    }

    void emptyBuckets() {
        s3Server.emptyBuckets(SOURCE, ERRORS);
    }

    /** An empty {@value #TABLE} keyed by {@value #KEY} (string): the old one, if any, is dropped. */
    void emptyTable() {
        if (dynamoDb.client().listTables().tableNames().contains(TABLE)) {
            dynamoDb.client().deleteTable(b -> b.tableName(TABLE));
        }
        dynamoDb.ensureTable(TABLE, KEY, Optional.empty());
    }

    /** Every item of the table, keyed by its {@value #KEY} value. */
    Map<String, Map<String, AttributeValue>> items() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamoDb.client()
                .scanPaginator(b -> b.tableName(TABLE))
                .items()
                .forEach(i -> items.put(i.get(KEY).s(), i));
        return items;
    }

    @Override
    public void close() throws Exception {
        try {
            dynamoDb.close();
        } finally {
            s3Server.close();
        }
    }
}
