package dev.sluice.etl.transform;

import dev.sluice.etl.extract.BatchManifest;
import dev.sluice.etl.transform.internal.PgCsvReader;
import dev.sluice.etl.warehouse.ParquetRows;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Transforms one ingestion batch into Parquet files, one per output table with rows, in a work directory.
 * Lookup tables are applied to the snapshot first, so every join sees this batch's rows and unchanged rows alike;
 * then a dimension row is produced for every changed source row and every row whose referenced row changed.
 */
final class BatchTransform implements Closeable {

    /** Straight one-to-one tables: source table → (output table, rule). */
    private final Map<String, Map.Entry<WarehouseTable, Function<SourceRow, Object[]>>> straight;

    /** Opens a table object by its key: the ingestion bucket, or an in-memory sample when priming. */
    private final Function<String, InputStream> tables;

    private final LookupSnapshot snapshot;
    private final Path workDir;
    private final Map<WarehouseTable, ParquetRows.Writer> writers = new EnumMap<>(WarehouseTable.class);
    private final Map<WarehouseTable, Path> files = new EnumMap<>(WarehouseTable.class);
    private final SortedSet<LocalDate> dates = new TreeSet<>();

    BatchTransform(Function<String, InputStream> tables, LookupSnapshot snapshot, StarRules rules, Path workDir) {
        this.tables = tables;
        this.snapshot = snapshot;
        this.workDir = workDir;
        Map<String, Map.Entry<WarehouseTable, Function<SourceRow, Object[]>>> map = new LinkedHashMap<>();
        map.put("currency", Map.entry(WarehouseTable.DIM_CURRENCY, rules::dimCurrency));
        map.put("design", Map.entry(WarehouseTable.DIM_DESIGN, StarRules::dimDesign));
        map.put("payment_type", Map.entry(WarehouseTable.DIM_PAYMENT_TYPE, StarRules::dimPaymentType));
        map.put("transaction", Map.entry(WarehouseTable.DIM_TRANSACTION, StarRules::dimTransaction));
        map.put("sales_order", Map.entry(WarehouseTable.FACT_SALES_ORDER, StarRules::factSalesOrder));
        map.put("purchase_order", Map.entry(WarehouseTable.FACT_PURCHASE_ORDER, StarRules::factPurchaseOrder));
        map.put("payment", Map.entry(WarehouseTable.FACT_PAYMENT, StarRules::factPayment));
        this.straight = map;
    }

    /**
     * The batch's output files with their row counts, in load order; the lookup tables the batch changed, each
     * with the rows it changed (their latest version in the batch, in key order): the tables' snapshot deltas.
     */
    record Result(
            Map<WarehouseTable, Path> files,
            Map<WarehouseTable, Long> rows,
            Map<String, Collection<SourceRow>> changedLookups) {}

    Result run(BatchManifest manifest) throws IOException {
        Map<String, Map<Integer, SourceRow>> changed = new LinkedHashMap<>();
        for (BatchManifest.Table table : manifest.tables()) {
            if (LookupSnapshot.isLookup(table.table())) {
                Map<Integer, SourceRow> rows = new TreeMap<>();
                read(table, row -> {
                    snapshot.put(row);
                    rows.put(row.integer(LookupSnapshot.TABLES.get(row.table())), row);
                });
                changed.put(table.table(), rows);
            }
        }
        dimensionsFromLookups(changed);
        for (BatchManifest.Table table : manifest.tables()) {
            var rule = straight.get(table.table());
            if (rule != null) {
                WarehouseTable output = rule.getKey();
                read(table, row -> write(output, rule.getValue().apply(row)));
            }
        }
        for (LocalDate date : dates) {
            write(WarehouseTable.DIM_DATE, StarRules.dimDate(date));
        }
        Map<WarehouseTable, Long> rows = new EnumMap<>(WarehouseTable.class);
        for (var entry : writers.entrySet()) {
            entry.getValue().close();
            rows.put(entry.getKey(), entry.getValue().rows());
        }
        writers.clear();
        Map<String, Collection<SourceRow>> changedLookups = new LinkedHashMap<>();
        changed.forEach((table, changedRows) -> changedLookups.put(table, changedRows.values()));
        return new Result(files, rows, changedLookups);
    }

    /**
     * Dimension rows for the changed lookup rows and for the rows referencing them: the staff of a changed
     * department and the counterparties at a changed address are found through the snapshot's reverse indexes, so
     * the cost follows the rows changed and re-emitted, never the size of staff or counterparty.
     */
    private void dimensionsFromLookups(Map<String, Map<Integer, SourceRow>> changed) {
        Map<Integer, SourceRow> staff = new TreeMap<>(changed.getOrDefault("staff", Map.of()));
        for (Integer department : changed.getOrDefault("department", Map.of()).keySet()) {
            for (SourceRow row : snapshot.referencing("staff", department)) {
                staff.put(row.integer("staff_id"), row);
            }
        }
        for (SourceRow row : staff.values()) {
            write(
                    WarehouseTable.DIM_STAFF,
                    StarRules.dimStaff(row, snapshot.get("department", row.integer("department_id"))));
        }
        Map<Integer, SourceRow> addresses = changed.getOrDefault("address", Map.of());
        for (SourceRow row : addresses.values()) {
            write(WarehouseTable.DIM_LOCATION, StarRules.dimLocation(row));
        }
        Map<Integer, SourceRow> counterparties = new TreeMap<>(changed.getOrDefault("counterparty", Map.of()));
        for (Integer address : addresses.keySet()) {
            for (SourceRow row : snapshot.referencing("counterparty", address)) {
                counterparties.put(row.integer("counterparty_id"), row);
            }
        }
        for (SourceRow row : counterparties.values()) {
            write(
                    WarehouseTable.DIM_COUNTERPARTY,
                    StarRules.dimCounterparty(row, snapshot.get("address", row.integer("legal_address_id"))));
        }
    }

    private void read(BatchManifest.Table table, java.util.function.Consumer<SourceRow> consumer) throws IOException {
        try (InputStream in = tables.apply(table.key());
                PgCsvReader reader = new PgCsvReader(in)) {
            LookupSnapshot.forEachRow(table.table(), reader, consumer);
        } catch (IOException e) {
            throw new TransformException("could not read " + table.key() + ": " + e.getMessage(), e);
        }
    }

    private void write(WarehouseTable table, Object[] row) {
        try {
            ParquetRows.Writer writer = writers.get(table);
            if (writer == null) {
                Path file = workDir.resolve(table.tableName() + ".parquet");
                writer = ParquetRows.writer(table, file.toFile());
                writers.put(table, writer);
                files.put(table, file);
            }
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + table.tableName() + " Parquet", e);
        }
        if (table.kind() == WarehouseTable.Kind.FACT) {
            dates.addAll(StarRules.referencedDates(table, row));
        }
    }

    @Override
    public void close() throws IOException {
        for (ParquetRows.Writer writer : writers.values()) {
            writer.close();
        }
        for (Path file : files.values()) {
            Files.deleteIfExists(file);
        }
    }
}
