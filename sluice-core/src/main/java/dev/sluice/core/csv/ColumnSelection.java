package dev.sluice.core.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Which cells of a row the rule looks at: {@code *} (every cell, including cells beyond the header's width) or a
 * list of columns. Each listed column is resolved against the header when the filter runs: a header name first (so a
 * column named {@code 2024} is found by name), else a 1-based index within the header.
 */
public sealed interface ColumnSelection {

    /** Every cell of the row. */
    ColumnSelection ALL = new All();

    /**
     * Parses {@code *} or a comma-separated list of header names and/or 1-based indexes, e.g. {@code price,3}.
     * Spaces around list items are ignored.
     */
    static ColumnSelection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "empty column selection; use * or a comma list of names/1-based indexes");
        }
        if (spec.strip().equals("*")) {
            return ALL;
        }
        List<String> columns = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            String column = item.strip();
            if (column.isEmpty()) {
                throw new IllegalArgumentException("empty item in column selection '" + spec + "'");
            }
            columns.add(column);
        }
        return new Listed(columns);
    }

    /** Every cell, {@code *}. */
    record All() implements ColumnSelection {
        @Override
        public String toString() {
            return "*";
        }
    }

    /** Listed columns: names or 1-based indexes, in the order given. */
    record Listed(List<String> columns) implements ColumnSelection {
        public Listed {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a column list needs at least one column");
            }
            columns = List.copyOf(columns);
        }

        @Override
        public String toString() {
            return String.join(",", columns);
        }
    }
}
