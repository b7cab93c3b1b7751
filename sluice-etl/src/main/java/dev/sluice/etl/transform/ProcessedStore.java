package dev.sluice.etl.transform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The processed bucket: Parquet objects and lookup snapshots per batch, processed-batch manifests (written once,
 * {@code If-None-Match: *}) and the transform's one mutable state object. Data objects of a batch whose manifest
 * does not exist yet are unpublished: a retry of that batch writes them again with the same content.
 */
public final class ProcessedStore {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public ProcessedStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
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

    public String manifestKey(String batchId) {
        return prefix + "/_batches/" + batchId + ".json";
    }

    public String manifestPrefix() {
        return prefix + "/_batches/";
    }

    String stateKey() {
        return prefix + "/_state/transform.json";
    }

    Optional<TransformState> readState() {
        return readJson(stateKey(), TransformState.class);
    }

    void writeState(TransformState state) {
        put(PutObjectRequest.builder().bucket(bucket).key(stateKey()).contentType("application/json").build(),
                RequestBody.fromBytes(json(state)));
    }

    public Optional<ProcessedManifest> readManifest(String batchId) {
        return readJson(manifestKey(batchId), ProcessedManifest.class);
    }

    /** Manifests of processed batches after {@code batchId} (all when null), in batch order. */
    public List<ProcessedManifest> manifestsAfter(String batchId) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(manifestPrefix());
        if (batchId != null) {
            request.startAfter(manifestKey(batchId));
        }
        List<ProcessedManifest> manifests = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
                manifests.add(readJson(object.key(), ProcessedManifest.class).orElseThrow());
            }
        } catch (SdkException e) {
            throw new TransformException("could not list processed manifests in s3://" + bucket + "/" + prefix, e);
        }
        return manifests;
    }

    /** Publishes a batch; false when a manifest for it already exists (another run published it first). */
    boolean putManifest(ProcessedManifest manifest) {
        String key = manifestKey(manifest.batchId());
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json")
                    .ifNoneMatch("*").build(), RequestBody.fromBytes(json(manifest)));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            throw new TransformException("could not write s3://" + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw new TransformException("could not write s3://" + bucket + "/" + key, e);
        }
    }

    private static final int PRECONDITION_FAILED = 412;

    void putFile(String key, String contentType, Path file) {
        put(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(),
                RequestBody.fromFile(file));
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

    private void put(PutObjectRequest request, RequestBody body) {
        try {
            s3.putObject(request, body);
        } catch (SdkException e) {
            throw new TransformException("could not write s3://" + bucket + "/" + request.key(), e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new TransformException("could not serialise " + value, e);
        }
    }

    private <T> Optional<T> readJson(String key, Class<T> type) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return Optional.of(JSON.readValue(in, type));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException | SdkException e) {
            throw new TransformException("could not read s3://" + bucket + "/" + key, e);
        }
    }
}
