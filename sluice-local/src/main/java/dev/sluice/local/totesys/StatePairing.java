package dev.sluice.local.totesys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Keeps {@code ./sluice up}'s two halves of the Totesys chain together: the PostgreSQL cluster ({@code totesys},
 * and {@code warehouse} with its {@code etl_batch} load state) and the S3 state derived from it (extract watermarks
 * and batches in the ingestion bucket, transform state and batches in the processed bucket). The cluster records
 * an id when its databases are set up; the ingestion bucket records the id of the cluster its state came from.
 *
 * <p>The rule, decided by {@link #decide} before any database is touched:
 * <ul>
 *   <li>a new cluster and no S3 state: {@link Setup#CREATE} (seed {@code totesys}, empty {@code warehouse});</li>
 *   <li>both present with the same id: {@link Setup#REUSE};</li>
 *   <li>a known cluster and no S3 state (its folders were deleted): {@link Setup#REBUILD_WAREHOUSE}: the source
 *       is kept, and the warehouse, which is derived from the deleted batches, is emptied so the next extract
 *       (a full one) rebuilds it;</li>
 *   <li>S3 state without its cluster (the cluster was deleted, or the state is another cluster's or unmarked):
 *       refused with a {@link LocalStateMismatchException}, because the watermarks describe changes the source no
 *       longer has; deleting the two bucket folders starts the chain over from the databases.</li>
 * </ul>
 */
final class StatePairing {

    /** Where the ingestion bucket records its cluster's id (outside the {@code ingestion/} prefix the ETL reads). */
    static final String MARKER_KEY = "_local/postgres-cluster-id";
    /** LocalStack keeps bucket {@code B} in {@code <data-dir>/s3/B}. */
    private static final String S3_FOLDER = "s3";

    enum Setup {
        CREATE,
        REUSE,
        REBUILD_WAREHOUSE
    }

    /** What start-up found: the cluster's id, the id the S3 state was marked with, and whether any S3 state exists. */
    record Observed(Optional<String> clusterId, Optional<String> s3ClusterId, boolean s3HasState) {}

    private final S3Client s3;
    private final String ingestionBucket;
    private final String processedBucket;
    private final Path dataDir;
    private final Path clusterDir;

    StatePairing(S3Client s3, String ingestionBucket, String processedBucket, Path dataDir, Path clusterDir) {
        this.s3 = s3;
        this.ingestionBucket = ingestionBucket;
        this.processedBucket = processedBucket;
        this.dataDir = dataDir;
        this.clusterDir = clusterDir;
    }

    Observed observe(Optional<String> clusterId) {
        Optional<String> marker = readMarker();
        boolean state = marker.isPresent() || hasObjects(ingestionBucket) || hasObjects(processedBucket);
        return new Observed(clusterId, marker, state);
    }

    Setup decide(Observed found) {
        if (found.clusterId().isEmpty()) {
            if (found.s3HasState()) {
                throw mismatch("taken from a PostgreSQL cluster that is gone (" + clusterDir + " is new)");
            }
            return Setup.CREATE;
        }
        if (found.s3ClusterId().equals(found.clusterId())) {
            return Setup.REUSE;
        }
        if (found.s3ClusterId().isPresent()) {
            throw mismatch("of PostgreSQL cluster " + found.s3ClusterId().get() + ", but " + clusterDir
                    + " holds cluster " + found.clusterId().get());
        }
        if (found.s3HasState()) {
            throw mismatch("not marked as taken from the PostgreSQL cluster in " + clusterDir);
        }
        return Setup.REBUILD_WAREHOUSE;
    }

    /** Marks the S3 state as {@code clusterId}'s, creating the ingestion bucket if needed. */
    void record(String clusterId) {
        LocalTotesys.ensureBucket(s3, ingestionBucket);
        s3.putObject(b -> b.bucket(ingestionBucket).key(MARKER_KEY), RequestBody.fromString(clusterId));
    }

    private LocalStateMismatchException mismatch(String reason) {
        return new LocalStateMismatchException(bucketFolder(ingestionBucket) + " and " + bucketFolder(processedBucket)
                + " hold Totesys state (watermarks, batches) " + reason + "; delete both folders to start the Totesys"
                + " chain over from the databases in " + clusterDir + " (or delete " + dataDir
                + " to start from scratch)");
    }

    private Path bucketFolder(String bucket) {
        return dataDir.resolve(S3_FOLDER).resolve(bucket);
    }

    private Optional<String> readMarker() {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(b -> b.bucket(ingestionBucket).key(MARKER_KEY))
                            .asString(StandardCharsets.UTF_8)
                            .trim());
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        }
    }

    private boolean hasObjects(String bucket) {
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).keyCount() > 0;
        } catch (NoSuchBucketException e) {
            return false;
        }
    }
}
