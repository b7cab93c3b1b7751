package dev.sluice.core.mapping;

import java.util.List;
import java.util.Map;

/** What one CSV record maps to: an item, or a rejection with its reason. */
public sealed interface MappedRow {

    /**
     * An item. {@code attributes} holds the non-key columns with a value, in header order (empty cells omitted);
     * the key columns are in {@code key}, always as strings.
     */
    record Item(RowKey key, Map<String, Cell> attributes) implements MappedRow {}

    /** A row that cannot be loaded; {@code fields} are the record's cells as read. */
    record Rejected(RejectReason reason, String message, List<String> fields) implements MappedRow {
        /** {@code EMPTY_KEY: customer_id is empty}: the reports' reason column. */
        public String describe() {
            return reason + ": " + message;
        }
    }
}
