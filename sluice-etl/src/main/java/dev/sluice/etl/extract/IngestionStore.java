package dev.sluice.etl.extract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.lambda.s3.S3MultipartOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The extract's view of the ingestion bucket: immutable table objects and manifests (written once; a manifest
 * with {@code If-None-Match: *}, so an existing batch is never replaced), and the one mutable state object.
 */
final class IngestionStore {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The smallest part the streaming upload allows: the extract's memory is one part plus a fetch of rows. */
    private static final int PRECONDITION_FAILED = 412;
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
            throw new IngestionStoreException("could not write the extract state s3://" + bucket + "/" + stateKey()
                    + ": " + e.getMessage(), e);
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
            throw new IngestionStoreException("could not list batch manifests in s3://" + bucket + "/" + prefix
                    + ": " + e.getMessage(), e);
        }
        return manifests;
    }

    /**
     * Writes the manifest only if no object has its key ({@code If-None-Match: *}). A 412 can also mean the
     * SDK retried our own write whose first response was lost; the stored bytes then equal ours, which is success.
     */
    void putManifest(BatchManifest manifest) {
        String key = manifestKey(manifest.batchId());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IngestionStoreException("could not serialise manifest " + key, e);
        }
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json")
                    .ifNoneMatch("*").build(), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED || !Arrays.equals(read(key), bytes)) {
                throw new IngestionStoreException("could not write manifest s3://" + bucket + "/" + key
                        + " (an existing manifest is never replaced): " + e.getMessage(), e);
            }
        } catch (SdkException e) {
            throw new IngestionStoreException("could not write manifest s3://" + bucket + "/" + key + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A streaming upload of a table object: one buffered part in memory at a time, whatever the table's size.
     * Close it to complete the object, or {@link S3MultipartOutputStream#abort()} it to leave nothing. The key
     * holds this run's batch id, which no earlier run used, so no condition is needed (a conditional PUT would
     * turn an SDK retry of our own write into a spurious 412).
     */
    S3MultipartOutputStream newTableObject(String key) {
        return new S3MultipartOutputStream(s3, PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("text/csv; charset=utf-8").build(), PART_SIZE);
    }

    private byte[] read(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
        } catch (SdkException e) {
            throw new IngestionStoreException("could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private <T> Optional<T> readJson(String key, Class<T> type) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return Optional.of(JSON.readValue(in, type));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException | SdkException e) {
            throw new IngestionStoreException("could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
