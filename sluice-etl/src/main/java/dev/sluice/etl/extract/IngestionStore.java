package dev.sluice.etl.extract;

import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.etl.runtime.BatchLedger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The extract's view of the ingestion bucket: immutable table objects and manifests (written once; a manifest
 * with {@code If-None-Match: *}, so an existing batch is never replaced), and the one mutable state object.
 */
final class IngestionStore {

    /** The smallest part the streaming upload allows: the extract's memory is one part plus a fetch of rows. */
    private static final int PART_SIZE = S3MultipartOutputStream.MIN_PART_SIZE;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final BatchLedger ledger;

    IngestionStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.ledger = new BatchLedger(
                s3,
                bucket,
                prefix,
                (message, cause) -> new IngestionStoreException(message + ": " + cause.getMessage(), cause));
    }

    String tableKey(String table, String batchId) {
        return prefix + "/" + table + "/batch=" + batchId + "/" + table + ".csv";
    }

    String manifestKey(String batchId) {
        return ledger.manifestKey(batchId);
    }

    String stateKey() {
        return prefix + "/_state/extract.json";
    }

    Optional<ExtractState> readState() {
        return ledger.read(stateKey(), ExtractState.class);
    }

    void writeState(ExtractState state) {
        ledger.write(stateKey(), state);
    }

    /** Manifests of batches after {@code batchId} (all when null), in batch order. */
    List<BatchManifest> manifestsAfter(String batchId) {
        return ledger.manifestsAfter(batchId, BatchManifest.class, "batch manifests");
    }

    /**
     * Writes the manifest only if no object has its key ({@code If-None-Match: *}). A 412 can also mean the
     * SDK retried our own write whose first response was lost; the stored bytes then equal ours, which is success.
     */
    void putManifest(BatchManifest manifest) {
        if (!ledger.putManifestOnce(manifest.batchId(), manifest)) {
            String key = manifestKey(manifest.batchId());
            if (!Arrays.equals(read(key), ledger.bytes(manifest))) {
                throw new IngestionStoreException(
                        "could not write manifest s3://" + bucket + "/" + key
                                + " (an existing manifest is never replaced): a different manifest already has this key",
                        null);
            }
        }
    }

    /**
     * A streaming upload of a table object: one buffered part in memory at a time, whatever the table's size.
     * Close it to complete the object, or {@link S3MultipartOutputStream#abort()} it to leave nothing. The key
     * holds this run's batch id, which no earlier run used, so no condition is needed (a conditional PUT would
     * turn an SDK retry of our own write into a spurious 412).
     */
    S3MultipartOutputStream newTableObject(String key) {
        return new S3MultipartOutputStream(
                s3,
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType("text/csv; charset=utf-8")
                        .build(),
                PART_SIZE);
    }

    private byte[] read(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes())
                    .asByteArray();
        } catch (SdkException e) {
            throw new IngestionStoreException("could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }
}
