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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The current rows of the source tables other rows are joined to (department, address) and of the tables whose
 * dimension rows must be recomputed when those change (staff, counterparty), keyed by primary key. Incremental
 * batches hold only changed rows; this is what they are joined with. Stored as CSV in PostgreSQL's conventions: per
 * table a base object and the deltas of later batches ({@link SnapshotChain}).
 *
 * <p>Reverse indexes (staff by {@code department_id}, counterparty by {@code legal_address_id}) find the rows that
 * reference a changed row without scanning the referencing table, so a batch costs what it changes.
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

    /** Referencing tables with a reverse index: table → the column holding the referenced row's key. */
    static final Map<String, String> REFERENCES = Map.of("staff", "department_id", "counterparty", "legal_address_id");

    private final Map<String, Map<Integer, SourceRow>> rows = new LinkedHashMap<>();

    /** Per referencing table: referenced key → keys of the rows referencing it. */
    private final Map<String, Map<Integer, Set<Integer>>> referencing = new HashMap<>();

    public LookupSnapshot() {
        TABLES.keySet().forEach(table -> rows.put(table, new TreeMap<>()));
        REFERENCES.keySet().forEach(table -> referencing.put(table, new HashMap<>()));
    }

    static boolean isLookup(String table) {
        return TABLES.containsKey(table);
    }

    /** Adds or replaces a row (the later version of a key wins: batches are applied in order). */
    public void put(SourceRow row) {
        int key = row.integer(TABLES.get(row.table()));
        SourceRow previous = rows.get(row.table()).put(key, row);
        String column = REFERENCES.get(row.table());
        if (column != null) {
            Map<Integer, Set<Integer>> index = referencing.get(row.table());
            if (previous != null && previous.values().get(column) != null) {
                Integer old = previous.integer(column);
                Set<Integer> keys = index.get(old);
                keys.remove(key);
                if (keys.isEmpty()) {
                    index.remove(old);
                }
            }
            if (row.values().get(column) != null) {
                index.computeIfAbsent(row.integer(column), k -> new TreeSet<>()).add(key);
            }
        }
    }

    /**
     * The rows of {@code table} whose reference column ({@link #REFERENCES}) holds {@code referencedId}, in key
     * order, found through the reverse index (no scan of the table).
     */
    public List<SourceRow> referencing(String table, int referencedId) {
        Set<Integer> keys = referencing.get(table).getOrDefault(referencedId, Set.of());
        Map<Integer, SourceRow> tableRows = rows.get(table);
        List<SourceRow> found = new ArrayList<>(keys.size());
        for (Integer key : keys) {
            found.add(tableRows.get(key));
        }
        return found;
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
        write(all(table), file);
    }

    /**
     * Writes some rows of one table (a delta: the rows a batch changed) in the format of {@link #write(String,
     * Path)}, so {@link #read} applies a delta as it reads a base.
     */
    static void write(Collection<SourceRow> rowsOfOneTable, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            CsvWriter csv = new CsvWriter(out);
            List<String> header = null;
            for (SourceRow row : rowsOfOneTable) {
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
