package dev.sluice.etl.warehouse;

import static dev.sluice.etl.warehouse.Column.optional;
import static dev.sluice.etl.warehouse.Column.required;
import static dev.sluice.etl.warehouse.ColumnType.BOOLEAN;
import static dev.sluice.etl.warehouse.ColumnType.DATE;
import static dev.sluice.etl.warehouse.ColumnType.INT;
import static dev.sluice.etl.warehouse.ColumnType.MONEY_10_2;
import static dev.sluice.etl.warehouse.ColumnType.MONEY_12_2;
import static dev.sluice.etl.warehouse.ColumnType.TEXT;
import static dev.sluice.etl.warehouse.ColumnType.TIME;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The star schema's output tables: the one definition of their columns used by the transform (Parquet schema),
 * the load (INSERT column lists and conflict keys) and checked against the migration by a test. Declared in load
 * order: dimensions before facts.
 */
public enum WarehouseTable {
    DIM_DATE(
            Kind.DIMENSION,
            List.of("date_id"),
            List.of(
                    required("date_id", DATE),
                    required("year", INT),
                    required("month", INT),
                    required("day", INT),
                    required("day_of_week", INT),
                    required("day_name", TEXT),
                    required("month_name", TEXT),
                    required("quarter", INT))),
    DIM_STAFF(
            Kind.DIMENSION,
            List.of("staff_id"),
            List.of(
                    required("staff_id", INT),
                    required("first_name", TEXT),
                    required("last_name", TEXT),
                    required("department_name", TEXT),
                    optional("location", TEXT),
                    required("email_address", TEXT))),
    DIM_LOCATION(
            Kind.DIMENSION,
            List.of("location_id"),
            List.of(
                    required("location_id", INT),
                    required("address_line_1", TEXT),
                    optional("address_line_2", TEXT),
                    optional("district", TEXT),
                    required("city", TEXT),
                    required("postal_code", TEXT),
                    required("country", TEXT),
                    required("phone", TEXT))),
    DIM_CURRENCY(
            Kind.DIMENSION,
            List.of("currency_id"),
            List.of(required("currency_id", INT), required("currency_code", TEXT), required("currency_name", TEXT))),
    DIM_DESIGN(
            Kind.DIMENSION,
            List.of("design_id"),
            List.of(
                    required("design_id", INT),
                    required("design_name", TEXT),
                    required("file_location", TEXT),
                    required("file_name", TEXT))),
    DIM_COUNTERPARTY(
            Kind.DIMENSION,
            List.of("counterparty_id"),
            List.of(
                    required("counterparty_id", INT),
                    required("counterparty_legal_name", TEXT),
                    required("counterparty_legal_address_line_1", TEXT),
                    optional("counterparty_legal_address_line_2", TEXT),
                    optional("counterparty_legal_district", TEXT),
                    required("counterparty_legal_city", TEXT),
                    required("counterparty_legal_postal_code", TEXT),
                    required("counterparty_legal_country", TEXT),
                    required("counterparty_legal_phone_number", TEXT))),
    DIM_TRANSACTION(
            Kind.DIMENSION,
            List.of("transaction_id"),
            List.of(
                    required("transaction_id", INT),
                    required("transaction_type", TEXT),
                    optional("sales_order_id", INT),
                    optional("purchase_order_id", INT))),
    DIM_PAYMENT_TYPE(
            Kind.DIMENSION,
            List.of("payment_type_id"),
            List.of(required("payment_type_id", INT), required("payment_type_name", TEXT))),
    FACT_SALES_ORDER(
            Kind.FACT,
            List.of("sales_order_id", "last_updated_date", "last_updated_time"),
            List.of(
                    required("sales_order_id", INT),
                    required("created_date", DATE),
                    required("created_time", TIME),
                    required("last_updated_date", DATE),
                    required("last_updated_time", TIME),
                    required("sales_staff_id", INT),
                    required("counterparty_id", INT),
                    required("units_sold", INT),
                    required("unit_price", MONEY_10_2),
                    required("currency_id", INT),
                    required("design_id", INT),
                    required("agreed_payment_date", DATE),
                    required("agreed_delivery_date", DATE),
                    required("agreed_delivery_location_id", INT))),
    FACT_PURCHASE_ORDER(
            Kind.FACT,
            List.of("purchase_order_id", "last_updated_date", "last_updated_time"),
            List.of(
                    required("purchase_order_id", INT),
                    required("created_date", DATE),
                    required("created_time", TIME),
                    required("last_updated_date", DATE),
                    required("last_updated_time", TIME),
                    required("staff_id", INT),
                    required("counterparty_id", INT),
                    required("item_code", TEXT),
                    required("item_quantity", INT),
                    required("item_unit_price", MONEY_10_2),
                    required("currency_id", INT),
                    required("agreed_delivery_date", DATE),
                    required("agreed_payment_date", DATE),
                    required("agreed_delivery_location_id", INT))),
    FACT_PAYMENT(
            Kind.FACT,
            List.of("payment_id", "last_updated_date", "last_updated_time"),
            List.of(
                    required("payment_id", INT),
                    required("created_date", DATE),
                    required("created_time", TIME),
                    required("last_updated_date", DATE),
                    required("last_updated_time", TIME),
                    required("transaction_id", INT),
                    required("counterparty_id", INT),
                    required("payment_amount", MONEY_12_2),
                    required("currency_id", INT),
                    required("payment_type_id", INT),
                    required("paid", BOOLEAN),
                    required("payment_date", DATE)));

    /** Dimensions are upserted on their key (latest values); facts are appended, a known version skipped. */
    public enum Kind {
        DIMENSION,
        FACT
    }

    private final Kind kind;
    private final List<String> key;
    private final List<Column> columns;
    private final MessageType parquetSchema;

    WarehouseTable(Kind kind, List<String> key, List<Column> columns) {
        this.kind = kind;
        this.key = key;
        this.columns = columns;
        this.parquetSchema = parquetSchema(tableName(), columns);
    }

    /** The SQL / object name, e.g. {@code dim_staff}. */
    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> key() {
        return key;
    }

    public List<Column> columns() {
        return columns;
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(tableName() + " has no column " + column);
    }

    public MessageType parquetSchema() {
        return parquetSchema;
    }

    public static Optional<WarehouseTable> byName(String name) {
        for (WarehouseTable table : values()) {
            if (table.tableName().equals(name)) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }

    private static MessageType parquetSchema(String name, List<Column> columns) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (Column column : columns) {
            Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            builder.addField(Types.primitive(column.type().primitive(), repetition)
                    .as(column.type().logical())
                    .named(column.name()));
        }
        return builder.named(name);
    }
}
