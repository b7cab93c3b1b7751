package dev.sluice.lambda.dynamodb;

import dev.sluice.core.mapping.KeyColumns;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * In-memory DynamoDB Local over real HTTP on a free 127.0.0.1 port, for tests. Its request handler is mounted on a
 * Jetty server of our own because DynamoDB Local's launcher binds every interface and starts telemetry.
 */
final class DynamoDbLocal implements AutoCloseable {

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;
    private final DynamoDbClient client;

    private DynamoDbLocal(Server jetty, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.jetty = jetty;
        this.handler = handler;
        this.endpoint = endpoint;
        this.client = DynamoDbClients.local(endpoint);
    }

    static DynamoDbLocal start() {
        try {
            var handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, true, null, false, false), null);
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ContextHandler context = new ContextHandler();
            context.setHandler(handler);
            jetty.setHandler(new ContextHandlerCollection(context));
            jetty.start();
            return new DynamoDbLocal(jetty, handler, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    DynamoDbClient client() {
        return client;
    }

    /** (Re)creates an on-demand table with string keys. */
    void createTable(String name, KeyColumns keys) {
        if (client.listTables().tableNames().contains(name)) {
            client.deleteTable(b -> b.tableName(name));
        }
        var schema = new java.util.ArrayList<>(List.of(
                KeySchemaElement.builder().attributeName(keys.hash()).keyType(KeyType.HASH).build()));
        var attributes = new java.util.ArrayList<>(List.of(AttributeDefinition.builder()
                .attributeName(keys.hash()).attributeType(ScalarAttributeType.S).build()));
        keys.sort().ifPresent(sort -> {
            schema.add(KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(sort).attributeType(ScalarAttributeType.S).build());
        });
        client.createTable(b -> b.tableName(name).keySchema(schema).attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    /** Every item of the table, keyed by its hash key value. */
    Map<String, Map<String, AttributeValue>> items(String table, String hashKey) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        client.scanPaginator(b -> b.tableName(table)).items().forEach(i -> items.put(i.get(hashKey).s(), i));
        return items;
    }

    @Override
    public void close() throws Exception {
        client.close();
        try {
            jetty.stop();
        } finally {
            handler.close(); // stops DynamoDB Local's SQLite and worker threads
        }
    }
}
