package dev.sluice.etl.transform;

import dev.sluice.etl.extract.BatchManifest;
import dev.sluice.etl.runtime.BatchLedger;
import java.io.InputStream;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Read-only view of the extract's output: its batch manifests in order, and its table objects. */
final class IngestionBatches {

    private final S3Client s3;
    private final String bucket;
    private final BatchLedger ledger;

    IngestionBatches(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.ledger = new BatchLedger(s3, bucket, prefix, TransformException::new);
    }

    /** Complete ingestion batches after {@code batchId} (all when null), in batch order. */
    List<BatchManifest> after(String batchId) {
        return ledger.manifestsAfter(batchId, BatchManifest.class, "ingestion batches");
    }

    InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new TransformException("could not read s3://" + bucket + "/" + key, e);
        }
    }
}
