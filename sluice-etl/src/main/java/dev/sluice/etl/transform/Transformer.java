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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Transforms every ingestion batch not yet transformed, in batch order. Per batch: Parquet objects, then the
 * changed lookup snapshot objects, then the processed manifest (written once), then the state. A crash before the
 * manifest leaves an unpublished batch that the next run redoes from the same inputs; a crash after it leaves a
 * manifest newer than the state, which the next run adopts. So a missed or failed event is caught up by the next.
 *
 * <p>Lookup snapshots are stored as chains ({@link SnapshotChain}): per batch, each lookup table it changed gets a
 * delta object holding only the rows the batch changed, written before the manifest and state that name it; no
 * object is ever rewritten or deleted. A table's chain is compacted into a fresh base (its whole current rows)
 * when it would exceed {@link #MAX_SNAPSHOT_DELTAS} deltas. The lookup snapshot is kept in memory between runs of
 * one Transformer (a warm Lambda) while the stored state is the one it was built for; otherwise (a cold start, or
 * another run moved the state) it is read again from the chains.
 */
public final class Transformer {

    private static final Logger LOG = LoggerFactory.getLogger(Transformer.class);
    private static final int MANIFEST_VERSION = 2;

    /**
     * The most deltas a table's snapshot chain holds; the batch whose delta would be one more writes a fresh base
     * instead. It bounds what a cold start reads (a base and at most 32 small objects per table) while a base
     * rewrite, whose cost follows the table's size, happens at most once per 32 batches that change the table: an
     * amortised O(table / 32) per batch on top of the O(changed rows) of its delta.
     */
    static final int MAX_SNAPSHOT_DELTAS = 32;

    private final IngestionBatches ingestion;
    private final ProcessedStore processed;
    private final StarRules rules;

    /** The lookup snapshot after the last run and the state it belongs to; taken by one run at a time. */
    private final AtomicReference<Warm> warm = new AtomicReference<>();

    private record Warm(TransformState state, LookupSnapshot snapshot) {}

    /** One transformed batch: its manifest and the snapshot objects written for it (keys and total bytes). */
    private record Transformed(ProcessedManifest manifest, List<String> snapshotObjects, long snapshotBytes) {}

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
        long snapshotBytes = 0;
        // Taken, not shared: a batch changes the snapshot in place, so a run that fails leaves no snapshot behind.
        Warm kept = warm.getAndSet(null);
        LookupSnapshot snapshot = kept != null && kept.state().equals(state) ? kept.snapshot() : null;
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
            Transformed result = transform(batch, state, snapshot);
            snapshotBytes += result.snapshotBytes();
            ProcessedManifest manifest = result.manifest();
            boolean published = processed.putManifest(manifest);
            ProcessedManifest existing = published
                    ? manifest
                    : processed.readManifest(batch.batchId()).orElseThrow();
            if (existing.equals(manifest)) {
                // Also the case when the HTTP layer retried our own PUT and the retry found our manifest.
                transformed.add(manifest);
                LOG.info(
                        "transform: batch {} published, {} rows in {} tables, {} snapshot bytes in {}",
                        manifest.batchId(),
                        manifest.totalRows(),
                        manifest.tables().size(),
                        result.snapshotBytes(),
                        result.snapshotObjects());
            } else {
                // Another run published this batch first: its manifest is the truth, our snapshot may differ.
                manifest = existing;
                adopted.add(manifest.batchId());
                snapshot = null;
            }
            state = state.after(manifest);
            processed.writeState(state);
        }
        if (snapshot != null) {
            warm.set(new Warm(state, snapshot));
        }
        return new TransformSummary(transformed, adopted, snapshotBytes, Duration.ofNanos(System.nanoTime() - start));
    }

    private TransformState adopt(ProcessedManifest manifest, List<String> adopted) {
        LOG.info("transform: batch {} was already published; adopting its state", manifest.batchId());
        adopted.add(manifest.batchId());
        TransformState state = TransformState.INITIAL.after(manifest);
        processed.writeState(state);
        return state;
    }

    private Transformed transform(BatchManifest batch, TransformState state, LookupSnapshot snapshot) {
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
                Map<String, SnapshotChain> chains = new TreeMap<>(state.snapshots());
                List<String> written = new ArrayList<>();
                long bytes = 0;
                for (var changed : result.changedLookups().entrySet()) {
                    String table = changed.getKey();
                    SnapshotChain chain = chains.get(table);
                    Path file = workDir.resolve(table + ".csv");
                    String key;
                    if (chain == null || chain.deltas().size() >= MAX_SNAPSHOT_DELTAS) {
                        // First snapshot of the table, or compaction: the whole table, and a chain with no deltas.
                        snapshot.write(table, file);
                        key = processed.snapshotKey(table, batch.batchId());
                        chains.put(table, SnapshotChain.of(key));
                    } else {
                        LookupSnapshot.write(changed.getValue(), file);
                        key = processed.snapshotDeltaKey(table, batch.batchId());
                        chains.put(table, chain.plus(key));
                    }
                    processed.putFile(key, "text/csv; charset=utf-8", file);
                    written.add(key);
                    bytes += Files.size(file);
                }
                ProcessedManifest manifest = new ProcessedManifest(
                        MANIFEST_VERSION,
                        batch.batchId(),
                        batch.sequence(),
                        batch.createdAt(),
                        newestSourceUpdate(batch),
                        outputs,
                        chains);
                return new Transformed(manifest, written, bytes);
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

    /** Reads each table's chain: its base, then its deltas in order (a later version of a key wins). */
    private LookupSnapshot loadSnapshot(TransformState state) {
        LookupSnapshot snapshot = new LookupSnapshot();
        for (var entry : state.snapshots().entrySet()) {
            for (String key : entry.getValue().keys()) {
                try (InputStream in = processed.open(key)) {
                    snapshot.read(entry.getKey(), in);
                } catch (IOException e) {
                    throw new TransformException("could not read snapshot " + key, e);
                }
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
