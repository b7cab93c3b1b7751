package dev.sluice.etl.transform;

import dev.sluice.core.csv.CsvWriter;
import dev.sluice.etl.transform.internal.PgCsvReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current rows of the source tables other rows are joined to (department, address) and of the tables whose
 * dimension rows must be recomputed when those change (staff, counterparty), keyed by primary key. Incremental
 * batches hold only changed rows; this is what they are joined with. Stored per batch as CSV in PostgreSQL's
 * conventions, one object per table that changed.
 */
public final class LookupSnapshot {

    /** Lookup tables and their primary key column. */
    static final Map<String, String> TABLES = Map.of(
            "department",
            "department_id",
            "address",
            "address_id",
            "staff",
            "staff_id",
            "counterparty",
            "counterparty_id");

    private final Map<String, Map<Integer, SourceRow>> rows = new LinkedHashMap<>();

    public LookupSnapshot() {
        TABLES.keySet().forEach(table -> rows.put(table, new TreeMap<>()));
    }

    static boolean isLookup(String table) {
        return TABLES.containsKey(table);
    }

    /** Adds or replaces a row (the later version of a key wins: batches are applied in order). */
    public void put(SourceRow row) {
        rows.get(row.table()).put(row.integer(TABLES.get(row.table())), row);
    }

    public SourceRow get(String table, int id) {
        return rows.get(table).get(id);
    }

    public Collection<SourceRow> all(String table) {
        return rows.get(table).values();
    }

    void read(String table, InputStream in) throws IOException {
        try (PgCsvReader reader = new PgCsvReader(in)) {
            forEachRow(table, reader, this::put);
        }
    }

    /** Writes the table's rows, header first; NULL as an empty unquoted cell, the empty string as {@code ""}. */
    void write(String table, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            CsvWriter csv = new CsvWriter(out);
            List<String> header = null;
            for (SourceRow row : all(table)) {
                if (header == null) {
                    header = new ArrayList<>(row.values().keySet());
                    for (String column : header) {
                        csv.field(column);
                    }
                    csv.endRecord();
                }
                for (String column : header) {
                    csv.field(row.values().get(column));
                }
                csv.endRecord();
            }
            csv.flush();
        }
    }

    /** Reads every record of a PostgreSQL-convention CSV as rows of {@code table}. */
    static void forEachRow(String table, PgCsvReader reader, java.util.function.Consumer<SourceRow> consumer)
            throws IOException {
        List<String> header = reader.header();
        for (List<String> values = reader.next(); values != null; values = reader.next()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            consumer.accept(new SourceRow(table, row));
        }
    }
}
