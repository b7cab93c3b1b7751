package dev.sluice.etl.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the allow-list against the database catalog (bound parameters only) and describes each table:
 * it must exist, have a primary key (for a total order and downstream de-duplication) and a
 * {@code last_updated timestamp without time zone} column (the watermark).
 */
final class SourceCatalog {

    private static final String COLUMNS = "SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    private static final String PRIMARY_KEY = "SELECT kcu.column_name"
            + " FROM information_schema.table_constraints tc"
            + " JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema"
            + " AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name"
            + " WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = ? AND tc.table_name = ?"
            + " ORDER BY kcu.ordinal_position";
    private static final String WATERMARK_TYPE = "timestamp without time zone";

    private SourceCatalog() {
    }

    static List<SourceTable> describe(Connection connection, ExtractConfig config) throws SQLException {
        List<SourceTable> tables = new ArrayList<>();
        for (String table : config.tables()) {
            tables.add(describe(connection, config.schema(), table));
        }
        return tables;
    }

    private static SourceTable describe(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        String watermarkType = null;
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    if (SourceTable.WATERMARK_COLUMN.equals(rs.getString(1))) {
                        watermarkType = rs.getString(2);
                    }
                }
            }
        }
        if (columns.isEmpty()) {
            throw new ExtractConfigException("table '" + table + "' in the allow-list does not exist in schema '"
                    + schema + "': rejected");
        }
        if (!WATERMARK_TYPE.equals(watermarkType)) {
            throw new ExtractConfigException("table '" + table + "' needs a column last_updated of type "
                    + WATERMARK_TYPE + " (found " + watermarkType + ")");
        }
        List<String> primaryKey = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    primaryKey.add(rs.getString(1));
                }
            }
        }
        if (primaryKey.isEmpty()) {
            throw new ExtractConfigException("table '" + table + "' has no primary key; the extract needs one to"
                    + " order rows and to tell versions apart");
        }
        return new SourceTable(schema, table, columns, primaryKey);
    }
}
