package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Listings never show S3Proxy's temporary file of a write in progress, and nothing else is hidden. */
class InFlightWritesHidingBlobStoreTest {

    private static final String BUCKET = "bucket";
    private static final String KEY = "ingestion/_batches/20261122T054140254Z-000001.json";

    @TempDir
    Path dir;

    private BlobStore filesystem;

    @BeforeEach
    void createBucket() {
        filesystem = new FilesystemNio2BlobStore(dir.toString());
        filesystem.createContainer(BUCKET);
    }

    @Test
    void theFilesystemBackendAloneListsTheTemporaryFileOfAnUnfinishedPut() throws Exception {
        // Pins why the decorator exists: if S3Proxy stops doing this, the decorator can go.
        try (StalledUpload upload = StalledUpload.start(filesystem, KEY)) {
            assertThat(keys(filesystem))
                    .singleElement()
                    .asString()
                    .startsWith(KEY + "-")
                    .hasSize(KEY.length() + 37);
        }
    }

    @Test
    void aListingDuringAPutShowsNothingAndAfterItShowsTheObject() throws Exception {
        BlobStore store = new InFlightWritesHidingBlobStore(filesystem);
        try (StalledUpload upload = StalledUpload.start(store, KEY)) {
            ListObjectsV2Response during =
                    store.list(ListObjectsV2Request.builder().bucket(BUCKET).build());
            assertThat(during.contents()).isEmpty();
        }
        assertThat(keys(store)).containsExactly(KEY);
    }

    @Test
    void anExistingObjectStaysListedWhileItIsOverwritten() throws Exception {
        BlobStore store = new InFlightWritesHidingBlobStore(filesystem);
        put(store, KEY, "old");
        try (StalledUpload upload = StalledUpload.start(store, KEY)) {
            assertThat(keys(store)).containsExactly(KEY);
        }
    }

    @Test
    void aKeyThatEndsInAUuidIsHiddenOnlyWhileItsOwnPrefixIsBeingWritten() throws Exception {
        BlobStore store = new InFlightWritesHidingBlobStore(filesystem);
        String uuidNamed = "exports/run-0f8fad5b-d9cb-469f-a165-70867728950e";
        put(store, uuidNamed, "a user object whose name ends in a UUID");
        try (StalledUpload upload = StalledUpload.start(store, "exports/other.csv")) {
            assertThat(keys(store)).containsExactly(uuidNamed);
        }
    }

    private static List<String> keys(BlobStore store) {
        return store.list(ListObjectsV2Request.builder().bucket(BUCKET).build()).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static void put(BlobStore store, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        store.putBlob(
                PutObjectRequest.builder()
                        .bucket(BUCKET)
                        .key(key)
                        .contentLength((long) bytes.length)
                        .build(),
                new java.io.ByteArrayInputStream(bytes));
    }

    /** A PUT whose body delivers some bytes, then waits until closed: the write is in flight meanwhile. */
    private record StalledUpload(CompletableFuture<?> done, CountDownLatch release) implements AutoCloseable {

        static StalledUpload start(BlobStore store, String key) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            InputStream body = new InputStream() {
                private int sent;

                @Override
                public int read() throws IOException {
                    if (sent == 1) {
                        started.countDown();
                        await(release);
                    }
                    return sent++ < 2 ? 'x' : -1;
                }
            };
            CompletableFuture<?> done = CompletableFuture.runAsync(() -> store.putBlob(
                    PutObjectRequest.builder()
                            .bucket(BUCKET)
                            .key(key)
                            .contentLength(2L)
                            .build(),
                    body));
            assertThat(started.await(10, TimeUnit.SECONDS))
                    .as("the upload started")
                    .isTrue();
            return new StalledUpload(done, release);
        }

        @Override
        public void close() throws Exception {
            release.countDown();
            done.get(10, TimeUnit.SECONDS);
        }

        private static void await(CountDownLatch latch) throws IOException {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
