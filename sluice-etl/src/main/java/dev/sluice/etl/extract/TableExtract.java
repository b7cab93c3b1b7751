package dev.sluice.etl.extract;

import dev.sluice.core.csv.CsvWriter;
import dev.sluice.etl.extract.internal.CellFormat;
import dev.sluice.etl.extract.internal.IsoTimestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one table's new and changed rows with a server-side cursor (the connection must not be in autocommit
 * mode, so the driver fetches {@code fetchSize} rows at a time) and writes them as CSV with a header. Memory
 * is bounded by the fetch size and the keys at the watermark, whatever the table's size.
 */
final class TableExtract {

    private static final char KEY_SEPARATOR = '\u001f';
    private static final String END_OF_COPY_DATA = "\\.";

    /** What one table's read produced. {@code rows == 0} means the table has no change. */
    record Result(long rows, TableWatermark watermark) {}

    private final SourceTable table;
    private final TableWatermark previous;
    private final int fetchSize;

    TableExtract(SourceTable table, TableWatermark previous, int fetchSize) {
        this.table = table;
        this.previous = previous;
        this.fetchSize = fetchSize;
    }

    Result run(Connection connection, OutputStream out) throws SQLException, IOException {
        if (previous != null && previous.keysAtWatermark() == null && unchangedByCount(connection)) {
            return new Result(0, previous);
        }
        try (PreparedStatement statement =
                connection.prepareStatement(previous == null ? table.selectAll() : table.selectSince())) {
            statement.setFetchSize(fetchSize);
            if (previous != null) {
                statement.setObject(1, LocalDateTime.parse(previous.watermark()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return copy(rs, new CsvWriter(out));
            }
        }
    }

    private Result copy(ResultSet rs, CsvWriter csv) throws SQLException, IOException {
        for (String column : table.columns()) {
            csv.field(column);
        }
        csv.endRecord();
        CellFormat[] formats = formats(rs.getMetaData());
        int watermarkColumn = table.watermarkIndex() + 1;
        List<Integer> keyColumns =
                table.primaryKeyIndexes().stream().map(i -> i + 1).toList();
        LocalDateTime oldMark = previous == null ? null : LocalDateTime.parse(previous.watermark());
        Set<String> delivered = previous == null || previous.keysAtWatermark() == null
                ? Set.of()
                : new HashSet<>(previous.keysAtWatermark());
        Boundary boundary = new Boundary(oldMark);
        long rows = 0;
        while (rs.next()) {
            LocalDateTime lastUpdated = rs.getObject(watermarkColumn, LocalDateTime.class);
            String key = key(rs, keyColumns);
            boundary.see(lastUpdated, key);
            if (lastUpdated.equals(oldMark) && delivered.contains(key)) {
                continue;
            }
            for (int i = 0; i < formats.length; i++) {
                field(csv, formats[i].read(rs, i + 1));
            }
            csv.endRecord();
            rows++;
        }
        csv.flush();
        return new Result(rows, rows == 0 ? previous : boundary.watermark());
    }

    /**
     * PostgreSQL's CSV conventions on top of RFC 4180: NULL is an empty unquoted cell and {@code ""} an empty
     * string (the writer does both); a lone {@code \.} is quoted, because COPY would read it as end of data.
     */
    private static void field(CsvWriter csv, String value) {
        if (END_OF_COPY_DATA.equals(value)) {
            csv.quotedField(value);
        } else {
            csv.field(value);
        }
    }

    /** With too many keys to list, an unchanged table is one with no newer row and as many rows at the mark. */
    private boolean unchangedByCount(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.countAtAndAfter())) {
            LocalDateTime mark = LocalDateTime.parse(previous.watermark());
            statement.setObject(1, mark);
            statement.setObject(2, mark);
            statement.setObject(3, mark);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) == previous.rowsAtWatermark() && rs.getLong(2) == 0;
            }
        }
    }

    private static CellFormat[] formats(ResultSetMetaData meta) throws SQLException {
        CellFormat[] formats = new CellFormat[meta.getColumnCount()];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = CellFormat.forSqlType(meta.getColumnType(i + 1));
        }
        return formats;
    }

    private static String key(ResultSet rs, List<Integer> keyColumns) throws SQLException {
        if (keyColumns.size() == 1) {
            return rs.getString(keyColumns.getFirst());
        }
        StringBuilder key = new StringBuilder();
        for (int column : keyColumns) {
            if (!key.isEmpty()) {
                key.append(KEY_SEPARATOR);
            }
            key.append(rs.getString(column));
        }
        return key.toString();
    }

    /** The greatest {@code last_updated} read so far and the keys of every row (delivered or skipped) with it. */
    private static final class Boundary {
        private LocalDateTime mark;
        private List<String> keys = new ArrayList<>();
        private long count;

        /** Rows at the old mark are re-read by the query, so the boundary starts empty and counts them again. */
        Boundary(LocalDateTime oldMark) {
            this.mark = oldMark;
        }

        void see(LocalDateTime lastUpdated, String key) {
            if (mark == null || lastUpdated.isAfter(mark)) {
                mark = lastUpdated;
                keys = new ArrayList<>();
                count = 0;
            }
            count++;
            if (keys != null) {
                keys.add(key);
                if (keys.size() > TableWatermark.MAX_KEYS_AT_WATERMARK) {
                    keys = null;
                }
            }
        }

        TableWatermark watermark() {
            return new TableWatermark(IsoTimestamps.format(mark), keys, count);
        }
    }
}
