package dev.sluice.etl.extract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A source table as the catalog describes it. The extract's SQL is built only from these catalog names, each
 * quoted as an identifier; values (the watermark) are always bound parameters.
 */
public record SourceTable(String schema, String name, List<String> columns, List<String> primaryKey) {

    static final String WATERMARK_COLUMN = "last_updated";

    public SourceTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** Every row, in watermark order: the first run. */
    String selectAll() {
        return "SELECT " + columnList() + " FROM " + qualifiedName() + " ORDER BY " + orderBy();
    }

    /** Rows at or after the bound watermark, in watermark order. */
    String selectSince() {
        return "SELECT " + columnList() + " FROM " + qualifiedName() + " WHERE " + quote(WATERMARK_COLUMN)
                + " >= ? ORDER BY " + orderBy();
    }

    /** Two counts for a bound watermark (twice): rows exactly at it, rows after it. */
    String countAtAndAfter() {
        String column = quote(WATERMARK_COLUMN);
        return "SELECT count(*) FILTER (WHERE " + column + " = ?), count(*) FILTER (WHERE " + column + " > ?) FROM "
                + qualifiedName() + " WHERE " + column + " >= ?";
    }

    int watermarkIndex() {
        return columns.indexOf(WATERMARK_COLUMN);
    }

    List<Integer> primaryKeyIndexes() {
        return primaryKey.stream().map(columns::indexOf).toList();
    }

    private String qualifiedName() {
        return quote(schema) + "." + quote(name);
    }

    private String columnList() {
        return columns.stream().map(SourceTable::quote).collect(Collectors.joining(", "));
    }

    private String orderBy() {
        return quote(WATERMARK_COLUMN) + ", "
                + primaryKey.stream().map(SourceTable::quote).collect(Collectors.joining(", "));
    }

    /** SQL identifier quoting: wrap in double quotes, double any inside. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
