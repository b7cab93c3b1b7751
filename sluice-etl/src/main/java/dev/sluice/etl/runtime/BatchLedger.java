package dev.sluice.etl.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bookkeeping every ETL stage keeps under its prefix of a bucket: batch manifests
 * ({@code <prefix>/_batches/<batch id>.json}, written once with {@code If-None-Match: *}; batch ids sort in batch
 * order, so "the batches after X" is one listing) and JSON state objects. Each stage reports failures as its own
 * exception type, made by {@code failure} from a message naming the object and the cause.
 */
public final class BatchLedger {

    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final BiFunction<String, Throwable, RuntimeException> failure;

    public BatchLedger(
            S3Client s3, String bucket, String prefix, BiFunction<String, Throwable, RuntimeException> failure) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.failure = failure;
    }

    public String manifestPrefix() {
        return prefix + "/_batches/";
    }

    public String manifestKey(String batchId) {
        return manifestPrefix() + batchId + ".json";
    }

    /**
     * Manifests of the batches after {@code batchId} (all when null), in batch order.
     *
     * @param what names the manifests in the failure message, e.g. "processed manifests"
     */
    public <T> List<T> manifestsAfter(String batchId, Class<T> type, String what) {
        ListObjectsV2Request.Builder request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(manifestPrefix());
        if (batchId != null) {
            request.startAfter(manifestKey(batchId));
        }
        List<T> manifests = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
                manifests.add(read(object.key(), type).orElseThrow());
            }
        } catch (SdkException e) {
            throw failure.apply("could not list " + what + " in s3://" + bucket + "/" + prefix, e);
        }
        return manifests;
    }

    /** The document at {@code key}; empty when there is no such object. */
    public <T> Optional<T> read(String key, Class<T> type) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return Optional.of(JSON.readValue(in, type));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException | SdkException e) {
            throw failure.apply("could not read s3://" + bucket + "/" + key, e);
        }
    }

    /** Writes (or replaces) the document at {@code key}, e.g. the stage's state. */
    public void write(String key, Object value) {
        try {
            s3.putObject(jsonRequest(key).build(), RequestBody.fromBytes(bytes(value)));
        } catch (SdkException e) {
            throw failure.apply("could not write s3://" + bucket + "/" + key, e);
        }
    }

    /**
     * Writes the manifest of {@code batchId} unless an object has its key ({@code If-None-Match: *}).
     *
     * @return false when a manifest was there already (another run, or an SDK retry of this very write)
     */
    public boolean putManifestOnce(String batchId, Object manifest) {
        String key = manifestKey(batchId);
        try {
            s3.putObject(jsonRequest(key).ifNoneMatch("*").build(), RequestBody.fromBytes(bytes(manifest)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            throw failure.apply("could not write s3://" + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw failure.apply("could not write s3://" + bucket + "/" + key, e);
        }
    }

    /** The bytes {@link #write} and {@link #putManifestOnce} store for {@code value}. */
    public byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw failure.apply("could not serialise " + value, e);
        }
    }

    private PutObjectRequest.Builder jsonRequest(String key) {
        return PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json");
    }
}
