package dev.sluice.testkit.s3;

import dev.sluice.testkit.LocalClients;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An in-process S3Proxy (in-memory backend) on a free 127.0.0.1 port: real S3 HTTP for tests. */
public final class S3ProxyServer implements AutoCloseable {

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = LocalClients.s3(endpoint);
    }

    /** An empty in-memory S3 on a free 127.0.0.1 port. */
    public static S3ProxyServer start() {
        return start(UnaryOperator.identity());
    }

    /** {@code decorate} wraps the backend, e.g. with a fault-injecting ForwardingBlobStore. */
    public static S3ProxyServer start(UnaryOperator<BlobStore> decorate) {
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(decorate.apply(new TransientNio2BlobStore()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(2);
            }
            return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with the same settings as the function's (url-connection client, path style). */
    public S3Client client() {
        return client;
    }

    public void createBucket(String name) {
        client.createBucket(b -> b.bucket(name));
    }

    /** A server with these (empty) buckets. */
    public static S3ProxyServer withBuckets(String... buckets) {
        S3ProxyServer server = start();
        for (String bucket : buckets) {
            server.createBucket(bucket);
        }
        return server;
    }

    /** Every key in {@code bucket}, in S3's (lexicographic) order. */
    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** The object's content as UTF-8 text. */
    public String read(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** Deletes every object in the buckets, so that each test starts from empty ones. */
    public void emptyBuckets(String... buckets) {
        for (String bucket : buckets) {
            for (S3Object o :
                    client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                client.deleteObject(b -> b.bucket(bucket).key(o.key()));
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
