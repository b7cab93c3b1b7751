package dev.sluice.etl.warehouse;

/** One warehouse column: name, type, and whether NULL is allowed. */
public record Column(String name, ColumnType type, boolean nullable) {

    static Column required(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    static Column optional(String name, ColumnType type) {
        return new Column(name, type, true);
    }
}
