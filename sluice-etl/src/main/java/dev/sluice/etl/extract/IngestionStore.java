package dev.sluice.etl.extract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.lambda.s3.S3MultipartOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The extract's view of the ingestion bucket: immutable table objects and manifests (written once, with
 * {@code If-None-Match: *} so an existing object is never replaced), and the one mutable state object.
 */
final class IngestionStore {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The smallest part the streaming upload allows: the extract's memory is one part plus a fetch of rows. */
    private static final int PART_SIZE = S3MultipartOutputStream.MIN_PART_SIZE;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    IngestionStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    String tableKey(String table, String batchId) {
        return prefix + "/" + table + "/batch=" + batchId + "/" + table + ".csv";
    }

    String manifestKey(String batchId) {
        return prefix + "/_batches/" + batchId + ".json";
    }

    String stateKey() {
        return prefix + "/_state/extract.json";
    }

    Optional<ExtractState> readState() {
        return readJson(stateKey(), ExtractState.class);
    }

    void writeState(ExtractState state) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(stateKey()).contentType("application/json")
                    .build(), RequestBody.fromBytes(JSON.writeValueAsBytes(state)));
        } catch (IOException | SdkException e) {
            throw new IngestionStoreException("could not write the extract state s3://" + bucket + "/" + stateKey(), e);
        }
    }

    /** Manifests of batches after {@code batchId} (all when null), in batch order. */
    List<BatchManifest> manifestsAfter(String batchId) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket)
                .prefix(prefix + "/_batches/");
        if (batchId != null) {
            request.startAfter(manifestKey(batchId));
        }
        List<BatchManifest> manifests = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
                manifests.add(readJson(object.key(), BatchManifest.class).orElseThrow());
            }
        } catch (SdkException e) {
            throw new IngestionStoreException("could not list batch manifests in s3://" + bucket + "/" + prefix, e);
        }
        return manifests;
    }

    void putManifest(BatchManifest manifest) {
        String key = manifestKey(manifest.batchId());
        try {
            putNew(key, "application/json", RequestBody.fromBytes(JSON.writeValueAsBytes(manifest)));
        } catch (IOException e) {
            throw new IngestionStoreException("could not serialise manifest " + key, e);
        }
    }

    /**
     * A streaming upload of a table object: one buffered part in memory at a time, whatever the table's size.
     * Close it to complete the object, or {@link S3MultipartOutputStream#abort()} it to leave nothing.
     */
    S3MultipartOutputStream newTableObject(String key) {
        return new S3MultipartOutputStream(s3, PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("text/csv; charset=utf-8").ifNoneMatch("*").build(), PART_SIZE);
    }

    private void putNew(String key, String contentType, RequestBody body) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                    .ifNoneMatch("*").build(), body);
        } catch (SdkException e) {
            throw new IngestionStoreException("could not write s3://" + bucket + "/" + key
                    + " (objects are never overwritten)", e);
        }
    }

    private <T> Optional<T> readJson(String key, Class<T> type) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return Optional.of(JSON.readValue(in, type));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException | SdkException e) {
            throw new IngestionStoreException("could not read s3://" + bucket + "/" + key, e);
        }
    }
}
