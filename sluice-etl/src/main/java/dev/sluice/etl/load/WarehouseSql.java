package dev.sluice.etl.load;

import dev.sluice.etl.warehouse.Column;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The load's SQL. Text comes only from the {@link WarehouseTable} definitions (compile-time constants), never
 * from data: every value is a bound parameter.
 */
final class WarehouseSql {

    private WarehouseSql() {}

    /** Dimensions: upsert on the key (the latest version wins). Facts: a known version is skipped. */
    static String insert(WarehouseTable table) {
        List<String> names = table.columns().stream().map(Column::name).toList();
        String insert = "INSERT INTO " + table.tableName() + " (" + String.join(", ", names) + ") VALUES ("
                + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT ("
                + String.join(", ", table.key()) + ")";
        if (table.kind() == WarehouseTable.Kind.FACT) {
            return insert + " DO NOTHING";
        }
        return insert + " DO UPDATE SET "
                + names.stream()
                        .filter(n -> !table.key().contains(n))
                        .map(n -> n + " = EXCLUDED." + n)
                        .collect(Collectors.joining(", "));
    }

    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('sluice.etl.load'))";
    static final String LOADED = "SELECT 1 FROM etl_batch WHERE batch_id = ?";
    static final String LAST_LOADED = "SELECT max(batch_id) FROM etl_batch";
    static final String RECORD = "INSERT INTO etl_batch (batch_id, sequence, rows_loaded, extracted_at, "
            + "source_updated_through) VALUES (?, ?, ?, ?, ?)";
    /** The newest source change the warehouse holds (WarehouseFreshnessSeconds). */
    static final String NEWEST_SOURCE_UPDATE = "SELECT max(source_updated_through) FROM etl_batch";
}
