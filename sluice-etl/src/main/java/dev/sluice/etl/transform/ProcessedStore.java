package dev.sluice.etl.transform;

import dev.sluice.etl.runtime.BatchLedger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The processed bucket: Parquet objects and lookup snapshot objects (bases and deltas) per batch, processed-batch
 * manifests (written once, {@code If-None-Match: *}) and the transform's one mutable state object. Data objects of
 * a batch whose manifest does not exist yet are unpublished: a retry of that batch writes them again with the same
 * content.
 */
public final class ProcessedStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final BatchLedger ledger;

    public ProcessedStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.ledger = new BatchLedger(s3, bucket, prefix, TransformException::new);
    }

    public String bucket() {
        return bucket;
    }

    public String tableKey(String table, String batchId) {
        return prefix + "/" + table + "/batch=" + batchId + "/" + table + ".parquet";
    }

    public String snapshotKey(String sourceTable, String batchId) {
        return prefix + "/_snapshot/" + sourceTable + "/batch=" + batchId + "/" + sourceTable + ".csv";
    }

    /** The object holding only the rows of {@code sourceTable} that batch {@code batchId} changed. */
    public String snapshotDeltaKey(String sourceTable, String batchId) {
        return prefix + "/_snapshot/" + sourceTable + "/batch=" + batchId + "/" + sourceTable + ".delta.csv";
    }

    public String manifestKey(String batchId) {
        return ledger.manifestKey(batchId);
    }

    public String manifestPrefix() {
        return ledger.manifestPrefix();
    }

    String stateKey() {
        return prefix + "/_state/transform.json";
    }

    Optional<TransformState> readState() {
        return ledger.read(stateKey(), TransformState.class);
    }

    void writeState(TransformState state) {
        ledger.write(stateKey(), state);
    }

    public Optional<ProcessedManifest> readManifest(String batchId) {
        return ledger.read(manifestKey(batchId), ProcessedManifest.class);
    }

    /** Manifests of processed batches after {@code batchId} (all when null), in batch order. */
    public List<ProcessedManifest> manifestsAfter(String batchId) {
        return ledger.manifestsAfter(batchId, ProcessedManifest.class, "processed manifests");
    }

    /** Publishes a batch; false when a manifest for it already exists (another run published it first). */
    boolean putManifest(ProcessedManifest manifest) {
        return ledger.putManifestOnce(manifest.batchId(), manifest);
    }

    void putFile(String key, String contentType, Path file) {
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .build(),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new TransformException("could not write s3://" + bucket + "/" + key, e);
        }
    }

    /** Streams an object to a local file (Parquet needs random access to its footer). */
    public void download(String key, Path file) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | SdkException e) {
            throw new TransformException("could not read s3://" + bucket + "/" + key, e);
        }
    }

    InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new TransformException("could not read s3://" + bucket + "/" + key, e);
        }
    }
}
