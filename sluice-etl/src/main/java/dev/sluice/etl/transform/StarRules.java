package dev.sluice.etl.transform;

import dev.sluice.etl.warehouse.WarehouseTable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The pure source-to-star rules: one source row (plus the rows it references, looked up by key by the caller)
 * becomes one warehouse row in {@link WarehouseTable} column order. No I/O, no state.
 */
public final class StarRules {

    private final Currencies currencies;

    public StarRules(Currencies currencies) {
        this.currencies = currencies;
    }

    public static Object[] dimDate(LocalDate date) {
        return new Object[] {
            date,
            date.getYear(),
            date.getMonthValue(),
            date.getDayOfMonth(),
            date.getDayOfWeek().getValue(), // ISO: Monday = 1 … Sunday = 7
            date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
            date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
            (date.getMonthValue() - 1) / 3 + 1
        };
    }

    /** {@code department} is the staff row's department, found by {@code department_id}. */
    public static Object[] dimStaff(SourceRow staff, SourceRow department) {
        requireReference(staff, "department_id", department, "department_id");
        return new Object[] {
            staff.integer("staff_id"), staff.text("first_name"), staff.text("last_name"),
            department.text("department_name"), department.optionalText("location"), staff.text("email_address")
        };
    }

    public static Object[] dimLocation(SourceRow address) {
        return new Object[] {
            address.integer("address_id"), address.text("address_line_1"), address.optionalText("address_line_2"),
            address.optionalText("district"), address.text("city"), address.text("postal_code"),
            address.text("country"), address.text("phone")
        };
    }

    /** {@code address} is the counterparty's legal address, found by {@code legal_address_id}. */
    public static Object[] dimCounterparty(SourceRow counterparty, SourceRow address) {
        requireReference(counterparty, "legal_address_id", address, "address_id");
        return new Object[] {
            counterparty.integer("counterparty_id"),
            counterparty.text("counterparty_legal_name"),
            address.text("address_line_1"),
            address.optionalText("address_line_2"),
            address.optionalText("district"),
            address.text("city"),
            address.text("postal_code"),
            address.text("country"),
            address.text("phone")
        };
    }

    public Object[] dimCurrency(SourceRow currency) {
        String code = currency.text("currency_code");
        return new Object[] {currency.integer("currency_id"), code, currencies.name(code)};
    }

    public static Object[] dimDesign(SourceRow design) {
        return new Object[] {
            design.integer("design_id"),
            design.text("design_name"),
            design.text("file_location"),
            design.text("file_name")
        };
    }

    public static Object[] dimTransaction(SourceRow transaction) {
        return new Object[] {
            transaction.integer("transaction_id"), transaction.text("transaction_type"),
            transaction.optionalInteger("sales_order_id"), transaction.optionalInteger("purchase_order_id")
        };
    }

    public static Object[] dimPaymentType(SourceRow paymentType) {
        return new Object[] {paymentType.integer("payment_type_id"), paymentType.text("payment_type_name")};
    }

    public static Object[] factSalesOrder(SourceRow order) {
        LocalDateTime created = order.timestamp("created_at");
        LocalDateTime updated = order.timestamp("last_updated");
        return new Object[] {
            order.integer("sales_order_id"),
            created.toLocalDate(),
            created.toLocalTime(),
            updated.toLocalDate(),
            updated.toLocalTime(),
            order.integer("staff_id"),
            order.integer("counterparty_id"),
            order.integer("units_sold"),
            order.decimal("unit_price"),
            order.integer("currency_id"),
            order.integer("design_id"),
            order.date("agreed_payment_date"),
            order.date("agreed_delivery_date"),
            order.integer("agreed_delivery_location_id")
        };
    }

    public static Object[] factPurchaseOrder(SourceRow order) {
        LocalDateTime created = order.timestamp("created_at");
        LocalDateTime updated = order.timestamp("last_updated");
        return new Object[] {
            order.integer("purchase_order_id"),
            created.toLocalDate(),
            created.toLocalTime(),
            updated.toLocalDate(),
            updated.toLocalTime(),
            order.integer("staff_id"),
            order.integer("counterparty_id"),
            order.text("item_code"),
            order.integer("item_quantity"),
            order.decimal("item_unit_price"),
            order.integer("currency_id"),
            order.date("agreed_delivery_date"),
            order.date("agreed_payment_date"),
            order.integer("agreed_delivery_location_id")
        };
    }

    public static Object[] factPayment(SourceRow payment) {
        LocalDateTime created = payment.timestamp("created_at");
        LocalDateTime updated = payment.timestamp("last_updated");
        return new Object[] {
            payment.integer("payment_id"),
            created.toLocalDate(),
            created.toLocalTime(),
            updated.toLocalDate(),
            updated.toLocalTime(),
            payment.integer("transaction_id"),
            payment.integer("counterparty_id"),
            payment.decimal("payment_amount"),
            payment.integer("currency_id"),
            payment.integer("payment_type_id"),
            payment.bool("paid"),
            payment.date("payment_date")
        };
    }

    /** Every date a fact row references (created, last updated, agreed and payment dates), for dim_date. */
    public static List<LocalDate> referencedDates(WarehouseTable fact, Object[] row) {
        return fact.columns().stream()
                .filter(c -> c.type() == dev.sluice.etl.warehouse.ColumnType.DATE)
                .map(c -> (LocalDate) row[fact.indexOf(c.name())])
                .toList();
    }

    private static void requireReference(SourceRow from, String column, SourceRow to, String key) {
        if (to == null) {
            throw new TransformException(
                    from.table() + " row " + from.values() + " references a missing row by " + column);
        }
        if (from.integer(column) != to.integer(key)) {
            throw new TransformException(from.table() + "." + column + " = " + from.integer(column) + " joined to "
                    + to.table() + " " + key + " = " + to.integer(key));
        }
    }
}
