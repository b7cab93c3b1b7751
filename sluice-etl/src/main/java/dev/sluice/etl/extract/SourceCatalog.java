package dev.sluice.etl.extract;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the allow-list against the database catalog and describes each table: it must exist, have a primary key
 * (for a total order and downstream de-duplication) and a {@code last_updated timestamp without time zone} column
 * (the watermark). Two catalog queries for all tables, with the schema and the names as bound parameters.
 */
final class SourceCatalog {

    private static final String COLUMNS = "SELECT c.relname, a.attname, a.atttypid = 'timestamp'::regtype"
            + " FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ANY (?) AND c.relkind IN ('r', 'p')"
            + " AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY c.relname, a.attnum";
    private static final String PRIMARY_KEYS = "SELECT c.relname, a.attname"
            + " FROM pg_catalog.pg_index i"
            + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
            + " WHERE i.indisprimary AND n.nspname = ? AND c.relname = ANY (?)"
            + " ORDER BY c.relname, k.position";

    private SourceCatalog() {}

    static List<SourceTable> describe(Connection connection, ExtractConfig config) throws SQLException {
        Map<String, List<String>> columns = new HashMap<>();
        Map<String, Boolean> timestampWatermark = new HashMap<>();
        try (ResultSet rs = query(connection, COLUMNS, config)) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                if (SourceTable.WATERMARK_COLUMN.equals(rs.getString(2))) {
                    timestampWatermark.put(rs.getString(1), rs.getBoolean(3));
                }
            }
        }
        Map<String, List<String>> primaryKeys = new HashMap<>();
        try (ResultSet rs = query(connection, PRIMARY_KEYS, config)) {
            while (rs.next()) {
                primaryKeys
                        .computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(rs.getString(2));
            }
        }
        List<SourceTable> tables = new ArrayList<>();
        for (String table : config.tables()) {
            if (!columns.containsKey(table)) {
                throw new ExtractConfigException("table '" + table + "' in the allow-list does not exist in schema '"
                        + config.schema() + "': rejected");
            }
            if (!timestampWatermark.getOrDefault(table, false)) {
                throw new ExtractConfigException(
                        "table '" + table + "' needs a column last_updated of type" + " timestamp without time zone");
            }
            if (!primaryKeys.containsKey(table)) {
                throw new ExtractConfigException("table '" + table + "' has no primary key; the extract needs one to"
                        + " order rows and to tell versions apart");
            }
            tables.add(new SourceTable(config.schema(), table, columns.get(table), primaryKeys.get(table)));
        }
        return tables;
    }

    /** The statement closes with its result set's connection use; callers close the result set. */
    private static ResultSet query(Connection connection, String sql, ExtractConfig config) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        Array names = connection.createArrayOf("text", config.tables().toArray());
        statement.setString(1, config.schema());
        statement.setArray(2, names);
        return statement.executeQuery();
    }
}
