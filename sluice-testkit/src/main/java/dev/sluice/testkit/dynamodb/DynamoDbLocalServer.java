package dev.sluice.testkit.dynamodb;

import dev.sluice.testkit.LocalClients;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in-process, over real HTTP on 127.0.0.1: the loader's tests here and the local stack
 * ({@code ./sluice up}, sluice-local) both run it. Its request handler is mounted on a Jetty server of our own:
 * DynamoDB Local's launcher binds every interface and starts telemetry, and we want neither. In memory, or in a folder
 * (one shared database file) so the local stack's tables survive restarts.
 *
 * <p>Not part of any Lambda package: DynamoDB Local is a {@code provided} dependency of this module (whoever runs
 * the server brings it), and the function zips leave this package out.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    /** Where sqlite4java, which DynamoDB Local stores tables with, looks for its native library. */
    public static final String NATIVE_LIBRARY_PATH = "sqlite4java.library.path";

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;
    private final DynamoDbClient client;

    private DynamoDbLocalServer(Server jetty, LocalDynamoDBServerHandler handler, URI endpoint) {
        this.jetty = jetty;
        this.handler = handler;
        this.endpoint = endpoint;
        this.client = LocalClients.dynamoDb(endpoint);
    }

    /**
     * @param port    0 picks a free port
     * @param dataDir where the database file lives; empty for in-memory
     */
    public static DynamoDbLocalServer start(int port, Optional<Path> dataDir) throws IOException {
        String dbPath = null;
        if (dataDir.isPresent()) {
            dbPath = Files.createDirectories(dataDir.get()).toAbsolutePath().toString();
        }
        var handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, dbPath == null, dbPath, true, false), null);
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(HOST);
        connector.setPort(port);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        jetty.setHandler(new ContextHandlerCollection(context));
        try {
            jetty.start();
        } catch (Exception e) {
            IOException failure = new IOException(
                    "DynamoDB Local could not start on " + HOST + ":" + port + " (" + e.getMessage() + ")", e);
            stopQuietly(jetty, handler, failure);
            throw failure;
        }
        return new DynamoDbLocalServer(jetty, handler, URI.create("http://" + HOST + ":" + connector.getLocalPort()));
    }

    /**
     * Points sqlite4java at the {@code native-libs} folder next to {@code anchor}'s jar or classes folder (where Maven
     * copies the natives, e.g. {@code target/native-libs}) unless {@value #NATIVE_LIBRARY_PATH} is already set.
     * Without it, sqlite4java reports which library it could not load.
     */
    public static void useNativeLibrariesNextTo(Class<?> anchor) {
        if (System.getProperty(NATIVE_LIBRARY_PATH) != null) {
            return;
        }
        try {
            Path codeSource = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = codeSource.getParent().resolve("native-libs");
            if (Files.isDirectory(candidate)) {
                System.setProperty(NATIVE_LIBRARY_PATH, candidate.toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // left unset: sqlite4java then names the library it could not load
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for this server (owned by it). */
    public DynamoDbClient client() {
        return client;
    }

    /** Creates an on-demand table with string key attributes unless it exists. */
    public void ensureTable(String name, String hashKey, Optional<String> sortKey) {
        if (client.listTables().tableNames().contains(name)) {
            return;
        }
        List<KeySchemaElement> schema = new ArrayList<>();
        List<AttributeDefinition> attributes = new ArrayList<>();
        schema.add(KeySchemaElement.builder()
                .attributeName(hashKey)
                .keyType(KeyType.HASH)
                .build());
        attributes.add(stringAttribute(hashKey));
        sortKey.ifPresent(sort -> {
            schema.add(KeySchemaElement.builder()
                    .attributeName(sort)
                    .keyType(KeyType.RANGE)
                    .build());
            attributes.add(stringAttribute(sort));
        });
        client.createTable(b -> b.tableName(name)
                .keySchema(schema)
                .attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static void stopQuietly(Server jetty, LocalDynamoDBServerHandler handler, Exception failure) {
        try {
            jetty.stop();
            handler.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
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
