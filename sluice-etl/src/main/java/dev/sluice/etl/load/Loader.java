package dev.sluice.etl.load;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.transform.ProcessedManifest;
import dev.sluice.etl.transform.ProcessedStore;
import dev.sluice.etl.warehouse.Column;
import dev.sluice.etl.warehouse.ParquetRows;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads every processed batch not yet in the warehouse, in batch order. Each batch is one transaction: its
 * tables in load order (dimensions upserted, facts inserted with a known version skipped), then its id in
 * {@code etl_batch}. A transaction-scoped advisory lock serialises concurrent runs, and the batch id is checked
 * again under it, so each batch applies exactly once however often events are replayed.
 */
public final class Loader {

    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    private final LoadConfig config;
    private final ConnectionSource warehouse;
    private final ProcessedStore processed;
    private final Clock clock;

    public Loader(LoadConfig config, ConnectionSource warehouse, S3Client s3, Clock clock) {
        this.config = config;
        this.warehouse = warehouse;
        this.processed = new ProcessedStore(s3, config.processedBucket(), config.processedPrefix());
        this.clock = clock;
    }

    public LoadSummary run() {
        long start = System.nanoTime();
        List<String> loaded = new ArrayList<>();
        long rows = 0;
        long lag = -1;
        OffsetDateTime newestApplied = null;
        long freshness;
        try (Connection connection = warehouse.open()) {
            connection.setAutoCommit(false);
            for (ProcessedManifest manifest : processed.manifestsAfter(lastLoaded(connection))) {
                long applied = apply(connection, manifest);
                if (applied >= 0) {
                    loaded.add(manifest.batchId());
                    rows += applied;
                    lag = lagSeconds(manifest);
                    OffsetDateTime source = sourceUpdatedThrough(manifest);
                    if (source != null && (newestApplied == null || source.isAfter(newestApplied))) {
                        newestApplied = source;
                    }
                    LOG.info("load: batch {} applied, {} rows", manifest.batchId(), applied);
                }
            }
            freshness = secondsSince(newestSourceUpdate(connection));
        } catch (SQLException e) {
            throw new LoadException(
                    "warehouse load failed after " + loaded.size() + " batch(es): " + e.getMessage(), e);
        }
        return new LoadSummary(
                loaded, rows, lag, secondsSince(newestApplied), freshness, Duration.ofNanos(System.nanoTime() - start));
    }

    private static OffsetDateTime newestSourceUpdate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(WarehouseSql.NEWEST_SOURCE_UPDATE)) {
            rs.next();
            OffsetDateTime newest = rs.getObject(1, OffsetDateTime.class);
            connection.commit();
            return newest;
        }
    }

    /** Whole seconds from {@code then} to this clock's now (never negative: clocks drift), or -1 if unknown. */
    private long secondsSince(OffsetDateTime then) {
        return then == null
                ? -1
                : Math.max(
                        0, Duration.between(then.toInstant(), clock.instant()).toSeconds());
    }

    /** The batch's newest source change, read as the source's UTC wall clock, or null if absent or unreadable. */
    private static OffsetDateTime sourceUpdatedThrough(ProcessedManifest manifest) {
        try {
            return manifest.sourceUpdatedThrough() == null
                    ? null
                    : LocalDateTime.parse(manifest.sourceUpdatedThrough()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            LOG.warn("batch {}: unreadable source time '{}'", manifest.batchId(), manifest.sourceUpdatedThrough());
            return null;
        }
    }

    private static String lastLoaded(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(WarehouseSql.LAST_LOADED)) {
            rs.next();
            String last = rs.getString(1);
            connection.commit();
            return last;
        }
    }

    /** Applies one batch in one transaction; returns the rows sent, or -1 if it was already applied. */
    private long apply(Connection connection, ProcessedManifest manifest) throws SQLException {
        try {
            try (Statement lock = connection.createStatement()) {
                lock.execute(WarehouseSql.LOCK);
            }
            if (alreadyLoaded(connection, manifest.batchId())) {
                connection.rollback();
                return -1;
            }
            long rows = 0;
            for (ProcessedManifest.Output output : manifest.tables()) {
                WarehouseTable table = WarehouseTable.byName(output.table())
                        .orElseThrow(() -> new LoadException(
                                "batch " + manifest.batchId() + " has an unknown table " + output.table()));
                rows += loadTable(connection, table, output.key());
            }
            try (PreparedStatement record = connection.prepareStatement(WarehouseSql.RECORD)) {
                record.setString(1, manifest.batchId());
                record.setLong(2, manifest.sequence());
                record.setLong(3, rows);
                record.setObject(4, extractedAt(manifest), Types.TIMESTAMP_WITH_TIMEZONE);
                record.setObject(5, sourceUpdatedThrough(manifest), Types.TIMESTAMP_WITH_TIMEZONE);
                record.executeUpdate();
            }
            connection.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static boolean alreadyLoaded(Connection connection, String batchId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WarehouseSql.LOADED)) {
            statement.setString(1, batchId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private long loadTable(Connection connection, WarehouseTable table, String key) throws SQLException {
        Path file = null;
        try (PreparedStatement insert = connection.prepareStatement(WarehouseSql.insert(table))) {
            file = Files.createTempFile("sluice-load-", ".parquet");
            processed.download(key, file);
            long[] rows = {0};
            ParquetRows.read(table, file.toFile(), row -> {
                try {
                    bind(insert, table, row);
                    insert.addBatch();
                    if (++rows[0] % config.insertBatchSize() == 0) {
                        insert.executeBatch();
                    }
                } catch (SQLException e) {
                    throw new LoadException(table.tableName() + ": " + e.getMessage(), e);
                }
            });
            insert.executeBatch();
            return rows[0];
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + key, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("could not delete {}", file, e);
                }
            }
        }
    }

    private static void bind(PreparedStatement insert, WarehouseTable table, Object[] row) throws SQLException {
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Object value = row[i];
            int parameter = i + 1;
            switch (columns.get(i).type()) {
                case INT -> insert.setObject(parameter, value, Types.INTEGER);
                case TEXT -> insert.setObject(parameter, value, Types.VARCHAR);
                case DATE -> insert.setObject(parameter, value, Types.DATE);
                case TIME -> insert.setObject(parameter, value, Types.TIME);
                case MONEY_10_2, MONEY_12_2 -> insert.setBigDecimal(parameter, (BigDecimal) value);
                case BOOLEAN -> insert.setObject(parameter, value, Types.BOOLEAN);
            }
        }
    }

    /** The extract's run time (an ISO instant), or null if absent or unreadable: it only feeds the lag metric. */
    private static OffsetDateTime extractedAt(ProcessedManifest manifest) {
        try {
            return manifest.extractedAt() == null ? null : OffsetDateTime.parse(manifest.extractedAt());
        } catch (DateTimeParseException e) {
            LOG.warn("batch {}: unreadable extract time '{}'", manifest.batchId(), manifest.extractedAt());
            return null;
        }
    }

    private long lagSeconds(ProcessedManifest manifest) {
        OffsetDateTime extracted = extractedAt(manifest);
        return extracted == null
                ? -1
                : Duration.between(extracted.toInstant(), clock.instant()).toSeconds();
    }
}
