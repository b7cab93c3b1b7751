package dev.sluice.etl.extract;

import dev.sluice.aws.s3.S3MultipartOutputStream;
import dev.sluice.etl.extract.internal.BatchIds;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One incremental extract run. The protocol, which makes a crash at any point safe:
 * <ol>
 *   <li>read the state; connect; check the allow-list against the catalog;</li>
 *   <li>adopt any batch whose manifest exists but which the state does not yet record (a run died between its
 *       manifest and its state write);</li>
 *   <li>in one read-only repeatable-read transaction (one snapshot for all tables), stream each table's rows at
 *       or after its watermark into {@code <prefix>/<table>/batch=<id>/<table>.csv};</li>
 *   <li>write the manifest; only then write the state.</li>
 * </ol>
 * A run that dies before its manifest leaves orphan table objects that nothing reads (consumers start from
 * manifests); the next run reads the same rows again under a fresh batch id. Nothing is ever overwritten.
 */
public final class Extractor {

    private static final Logger LOG = LoggerFactory.getLogger(Extractor.class);

    private final ExtractConfig config;
    private final ConnectionSource connections;
    private final IngestionStore store;
    private final Clock clock;

    public Extractor(ExtractConfig config, ConnectionSource connections, S3Client s3, Clock clock) {
        this.config = config;
        this.connections = connections;
        this.store = new IngestionStore(s3, config.bucket(), config.prefix());
        this.clock = clock;
    }

    /**
     * Runs one extract.
     *
     * @throws ExtractException when the run did not complete; the state is then unchanged (or only rolled
     *                          forward to batches that are complete)
     */
    public ExtractSummary run() {
        Instant started = clock.instant();
        ExtractState state = store.readState().orElse(ExtractState.INITIAL);
        try (Connection connection = open()) {
            List<SourceTable> tables = SourceCatalog.describe(connection, config);
            List<String> adopted = new ArrayList<>();
            state = rollForward(state, adopted);
            BatchManifest manifest = extract(connection, tables, state, started);
            Duration elapsed = Duration.between(started, clock.instant());
            if (manifest == null) {
                LOG.debug("extract: no changes since batch {}; nothing written", state.lastBatchId());
                return new ExtractSummary(ExtractSummary.Outcome.NO_CHANGES, null, adopted, elapsed);
            }
            store.putManifest(manifest);
            store.writeState(state.after(manifest));
            LOG.debug(
                    "extract: batch {} written, {} rows in {} tables, {} ms",
                    manifest.batchId(),
                    manifest.totalRows(),
                    manifest.tables().size(),
                    elapsed.toMillis());
            return new ExtractSummary(ExtractSummary.Outcome.BATCH_WRITTEN, manifest, adopted, elapsed);
        } catch (SQLException e) {
            throw new SourceDatabaseException(
                    "Totesys database failed during the extract (state unchanged): " + e.getMessage(), e);
        } catch (IOException | SdkException e) {
            throw new IngestionStoreException(
                    "could not write a table object to the ingestion bucket (state" + " unchanged): " + e.getMessage(),
                    e);
        }
    }

    private Connection open() {
        try {
            return connections.open();
        } catch (SQLException e) {
            throw new SourceDatabaseException(
                    "cannot connect to the Totesys database (state unchanged): " + e.getMessage(), e);
        }
    }

    private ExtractState rollForward(ExtractState state, List<String> adopted) {
        List<BatchManifest> pending = store.manifestsAfter(state.lastBatchId());
        for (BatchManifest manifest : pending) {
            state = state.after(manifest);
            adopted.add(manifest.batchId());
        }
        if (!pending.isEmpty()) {
            store.writeState(state);
            LOG.warn("extract: adopted {} complete batch(es) the state did not record: {}", adopted.size(), adopted);
        }
        return state;
    }

    private BatchManifest extract(Connection connection, List<SourceTable> tables, ExtractState state, Instant started)
            throws SQLException, IOException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        long sequence = state.batchCount() + 1;
        String batchId = BatchIds.next(state.lastBatchId(), sequence, started);
        Map<String, TableWatermark> watermarks = new LinkedHashMap<>(state.tables());
        List<BatchManifest.Table> written = new ArrayList<>();
        for (SourceTable table : tables) {
            TableWatermark previous = state.tables().get(table.name());
            String key = store.tableKey(table.name(), batchId);
            S3MultipartOutputStream out = store.newTableObject(key);
            TableExtract.Result result;
            try {
                result = new TableExtract(table, previous, config.fetchSize()).run(connection, out);
            } catch (SQLException | IOException | RuntimeException e) {
                out.abort();
                throw e;
            }
            if (result.rows() == 0) {
                out.abort();
                continue;
            }
            out.putMetadataOnClose("rows", String.valueOf(result.rows()));
            try {
                out.close();
            } catch (SdkException e) {
                throw new IngestionStoreException(
                        "could not write s3://" + config.bucket() + "/" + key + ": " + e.getMessage(), e);
            }
            watermarks.put(table.name(), result.watermark());
            written.add(new BatchManifest.Table(
                    table.name(),
                    key,
                    result.rows(),
                    out.size(),
                    table.columns(),
                    table.primaryKey(),
                    previous == null ? null : previous.watermark(),
                    result.watermark().watermark()));
        }
        connection.commit();
        if (written.isEmpty()) {
            return null;
        }
        return new BatchManifest(1, batchId, sequence, state.lastBatchId(), started.toString(), written, watermarks);
    }
}
