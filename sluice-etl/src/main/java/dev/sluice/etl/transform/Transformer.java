package dev.sluice.etl.transform;

import dev.sluice.etl.extract.BatchManifest;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Transforms every ingestion batch not yet transformed, in batch order. Per batch: Parquet objects, then the
 * changed lookup snapshots, then the processed manifest (written once), then the state. A crash before the
 * manifest leaves an unpublished batch that the next run redoes from the same inputs; a crash after it leaves a
 * manifest newer than the state, which the next run adopts. So a missed or failed event is caught up by the next.
 */
public final class Transformer {

    private static final Logger LOG = LoggerFactory.getLogger(Transformer.class);
    private static final int MANIFEST_VERSION = 1;

    private final IngestionBatches ingestion;
    private final ProcessedStore processed;
    private final StarRules rules;

    public Transformer(TransformConfig config, S3Client s3) {
        this.ingestion = new IngestionBatches(s3, config.ingestionBucket(), config.ingestionPrefix());
        this.processed = new ProcessedStore(s3, config.processedBucket(), config.processedPrefix());
        this.rules = new StarRules(Currencies.iso4217());
    }

    public TransformSummary run() {
        long start = System.nanoTime();
        TransformState state = processed.readState().orElse(TransformState.INITIAL);
        List<ProcessedManifest> transformed = new ArrayList<>();
        List<String> adopted = new ArrayList<>();
        LookupSnapshot snapshot = null;
        for (BatchManifest batch : ingestion.after(state.lastBatchId())) {
            Optional<ProcessedManifest> done = processed.readManifest(batch.batchId());
            if (done.isPresent()) {
                state = adopt(done.get(), adopted);
                snapshot = null;
                continue;
            }
            if (snapshot == null) {
                snapshot = loadSnapshot(state);
            }
            ProcessedManifest manifest = transform(batch, state, snapshot);
            boolean published = processed.putManifest(manifest);
            ProcessedManifest existing = published
                    ? manifest
                    : processed.readManifest(batch.batchId()).orElseThrow();
            if (existing.equals(manifest)) {
                // Also the case when the HTTP layer retried our own PUT and the retry found our manifest.
                transformed.add(manifest);
                LOG.info(
                        "transform: batch {} published, {} rows in {} tables",
                        manifest.batchId(),
                        manifest.totalRows(),
                        manifest.tables().size());
            } else {
                // Another run published this batch first: its manifest is the truth, our snapshot may differ.
                manifest = existing;
                adopted.add(manifest.batchId());
                snapshot = null;
            }
            state = state.after(manifest);
            processed.writeState(state);
        }
        return new TransformSummary(transformed, adopted, Duration.ofNanos(System.nanoTime() - start));
    }

    private TransformState adopt(ProcessedManifest manifest, List<String> adopted) {
        LOG.info("transform: batch {} was already published; adopting its state", manifest.batchId());
        adopted.add(manifest.batchId());
        TransformState state = TransformState.INITIAL.after(manifest);
        processed.writeState(state);
        return state;
    }

    private ProcessedManifest transform(BatchManifest batch, TransformState state, LookupSnapshot snapshot) {
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("sluice-transform-");
            try (BatchTransform transform = new BatchTransform(ingestion::open, snapshot, rules, workDir)) {
                BatchTransform.Result result = transform.run(batch);
                List<ProcessedManifest.Output> outputs = new ArrayList<>();
                for (WarehouseTable table : WarehouseTable.values()) {
                    Path file = result.files().get(table);
                    if (file != null) {
                        String key = processed.tableKey(table.tableName(), batch.batchId());
                        processed.putFile(key, "application/vnd.apache.parquet", file);
                        outputs.add(new ProcessedManifest.Output(
                                table.tableName(), key, result.rows().get(table)));
                    }
                }
                Map<String, String> snapshots = new TreeMap<>(state.snapshots());
                for (String table : result.changedLookups()) {
                    Path file = workDir.resolve(table + ".csv");
                    snapshot.write(table, file);
                    String key = processed.snapshotKey(table, batch.batchId());
                    processed.putFile(key, "text/csv; charset=utf-8", file);
                    snapshots.put(table, key);
                }
                return new ProcessedManifest(
                        MANIFEST_VERSION,
                        batch.batchId(),
                        batch.sequence(),
                        batch.createdAt(),
                        newestSourceUpdate(batch),
                        outputs,
                        snapshots);
            }
        } catch (IOException e) {
            throw new TransformException("could not transform batch " + batch.batchId() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(workDir);
        }
    }

    /** The greatest {@code last_updated} the extract read into this batch (its tables' new watermarks). */
    static String newestSourceUpdate(BatchManifest batch) {
        return batch.tables().stream()
                .map(BatchManifest.Table::newWatermark)
                .filter(java.util.Objects::nonNull)
                .map(java.time.LocalDateTime::parse)
                .max(java.util.Comparator.naturalOrder())
                .map(java.time.LocalDateTime::toString)
                .orElse(null);
    }

    private LookupSnapshot loadSnapshot(TransformState state) {
        LookupSnapshot snapshot = new LookupSnapshot();
        for (var entry : state.snapshots().entrySet()) {
            try (InputStream in = processed.open(entry.getValue())) {
                snapshot.read(entry.getKey(), in);
            } catch (IOException e) {
                throw new TransformException("could not read snapshot " + entry.getValue(), e);
            }
        }
        return snapshot;
    }

    /** Deletes a work directory and everything in it; a failure is logged, not thrown. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete work directory {}", dir, e);
        }
    }
}
