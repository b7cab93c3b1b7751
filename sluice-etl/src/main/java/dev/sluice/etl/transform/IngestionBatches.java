package dev.sluice.etl.transform;

import dev.sluice.etl.extract.BatchManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Read-only view of the extract's output: its batch manifests in order, and its table objects. */
final class IngestionBatches {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    IngestionBatches(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** Complete ingestion batches after {@code batchId} (all when null), in batch order. */
    List<BatchManifest> after(String batchId) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket)
                .prefix(prefix + "/_batches/");
        if (batchId != null) {
            request.startAfter(prefix + "/_batches/" + batchId + ".json");
        }
        List<BatchManifest> manifests = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
                try (InputStream in = open(object.key())) {
                    manifests.add(ProcessedStore.JSON.readValue(in, BatchManifest.class));
                }
            }
        } catch (IOException | SdkException e) {
            throw new TransformException("could not list ingestion batches in s3://" + bucket + "/" + prefix, e);
        }
        return manifests;
    }

    InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new TransformException("could not read s3://" + bucket + "/" + key, e);
        }
    }
}
