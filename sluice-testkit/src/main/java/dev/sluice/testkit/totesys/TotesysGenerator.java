package dev.sluice.testkit.totesys;

import static dev.sluice.testkit.totesys.internal.Vocabulary.*;

import dev.sluice.testkit.totesys.internal.BatchInsert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic Totesys data: the same scale and seed give the same rows, byte for byte, on any machine
 * ({@link SplittableRandom} is specified, and no clock is read). The data keeps the seed fixtures' awkward facts:
 * gappy ids inserted out of order, apostrophes and commas in names, leading-zero codes, millisecond timestamps
 * shared by many rows, and nullable address lines.
 */
public final class TotesysGenerator {

    public static final long DEFAULT_SEED = 4004L;
    /** The seed fixtures' first timestamp. */
    static final LocalDateTime ORIGIN = LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000);

    /** Row counts per table for a scale; scale 1 is about the seed fixtures, scale 100 about 5,000 sales orders. */
    public record Sizes(
            int addresses, int designs, int counterparties, int staff, int salesOrders, int purchaseOrders) {
        public static Sizes of(int scale) {
            if (scale < 1) {
                throw new IllegalArgumentException("scale must be at least 1, got " + scale);
            }
            return new Sizes(30 * scale, 350 + 25 * scale, 20 * scale, 20 * scale, 50 * scale, 35 * scale);
        }
    }

    private final SplittableRandom random;
    private final Sizes sizes;
    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final Map<Integer, LocalDateTime> salesCreated = new LinkedHashMap<>();
    private final Map<Integer, LocalDateTime> purchaseCreated = new LinkedHashMap<>();

    private TotesysGenerator(int scale, long seed) {
        this.random = new SplittableRandom(seed);
        this.sizes = Sizes.of(scale);
    }

    /**
     * Fills an empty, migrated Totesys schema in one transaction and returns the row count per table.
     *
     * @throws IllegalStateException if any Totesys table already has rows
     */
    public static Map<String, Long> seed(Connection connection, int scale, long seed) throws SQLException {
        requireEmpty(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Map<String, Long> counts = new TotesysGenerator(scale, seed).fill(connection);
            connection.commit();
            return counts;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Empties every Totesys table (for {@code seed --reset}). */
    public static void truncate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", TotesysSchema.TABLES));
        }
    }

    private static void requireEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TotesysSchema.TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        throw new IllegalStateException("table " + table
                                + " already has rows; seed needs empty tables (use --reset to empty them first)");
                    }
                }
            }
        }
    }

    private Map<String, Long> fill(Connection c) throws SQLException {
        fixedDimensions(c);
        List<Integer> addresses = addresses(c);
        List<Integer> designs = designs(c);
        List<Integer> counterparties = counterparties(c, addresses);
        List<Integer> staff = staff(c);
        salesOrders(c, designs, staff, counterparties, addresses);
        purchaseOrders(c, staff, counterparties, addresses);
        transactionsAndPayments(c, counterparties);
        return rows;
    }

    private void fixedDimensions(Connection c) throws SQLException {
        try (BatchInsert in = insert(c, "currency", "currency_id", "currency_code", "created_at", "last_updated")) {
            for (int i = 0; i < CURRENCY_CODES.size(); i++) {
                in.add(i + 1, CURRENCY_CODES.get(i), ORIGIN, ORIGIN);
            }
        }
        try (BatchInsert in =
                insert(c, "payment_type", "payment_type_id", "payment_type_name", "created_at", "last_updated")) {
            for (int i = 0; i < PAYMENT_TYPES.size(); i++) {
                in.add(i + 1, PAYMENT_TYPES.get(i), ORIGIN, ORIGIN);
            }
        }
        try (BatchInsert in = insert(
                c,
                "department",
                "department_id",
                "department_name",
                "location",
                "manager",
                "created_at",
                "last_updated")) {
            for (int i = 0; i < DEPARTMENT_NAMES.size(); i++) {
                in.add(i + 1, DEPARTMENT_NAMES.get(i), DEPARTMENT_LOCATIONS.get(i), MANAGERS.get(i), ORIGIN, ORIGIN);
            }
        }
        rows.put("currency", (long) CURRENCY_CODES.size());
        rows.put("payment_type", (long) PAYMENT_TYPES.size());
        rows.put("department", (long) DEPARTMENT_NAMES.size());
    }

    private List<Integer> addresses(Connection c) throws SQLException {
        List<Integer> ids = sparseIds(sizes.addresses(), 1);
        try (BatchInsert in = insert(
                c,
                "address",
                "address_id",
                "address_line_1",
                "address_line_2",
                "district",
                "city",
                "postal_code",
                "country",
                "phone",
                "created_at",
                "last_updated")) {
            for (int id : shuffled(ids)) {
                String line2 = random.nextInt(2) == 0 ? null : pick(random, STREETS);
                String district = random.nextInt(2) == 0 ? null : pick(random, DISTRICTS);
                in.add(
                        id,
                        (100 + random.nextInt(9_900)) + " " + pick(random, STREETS),
                        line2,
                        district,
                        pick(random, CITIES),
                        postalCode(random),
                        pick(random, COUNTRIES),
                        phone(random),
                        ORIGIN,
                        maybeUpdated(ORIGIN));
            }
        }
        rows.put("address", (long) ids.size());
        return ids;
    }

    private List<Integer> designs(Connection c) throws SQLException {
        List<Integer> ids = sparseIds(sizes.designs(), 8);
        try (BatchInsert in = insert(
                c, "design", "design_id", "created_at", "design_name", "file_location", "file_name", "last_updated")) {
            for (int id : shuffled(ids)) {
                String name = pick(random, MATERIALS);
                LocalDateTime created = ORIGIN.plus(random.nextLong(90L * 86_400_000L), ChronoUnit.MILLIS);
                String file = name.toLowerCase(Locale.ROOT) + "-2022"
                        + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)) + "-"
                        + fileSuffix(random) + ".json";
                in.add(id, created, name, pick(random, FILE_LOCATIONS), file, maybeUpdated(created));
            }
        }
        rows.put("design", (long) ids.size());
        return ids;
    }

    private List<Integer> counterparties(Connection c, List<Integer> addresses) throws SQLException {
        List<Integer> ids = sparseIds(sizes.counterparties(), 1);
        LocalDateTime created = ORIGIN.plus(1_601, ChronoUnit.MILLIS);
        try (BatchInsert in = insert(
                c,
                "counterparty",
                "counterparty_id",
                "counterparty_legal_name",
                "legal_address_id",
                "commercial_contact",
                "delivery_contact",
                "created_at",
                "last_updated")) {
            for (int id : shuffled(ids)) {
                in.add(id, companyName(random), pickId(addresses), person(), person(), created, maybeUpdated(created));
            }
        }
        rows.put("counterparty", (long) ids.size());
        return ids;
    }

    private List<Integer> staff(Connection c) throws SQLException {
        List<Integer> ids = sparseIds(sizes.staff(), 1);
        LocalDateTime created = ORIGIN.plus(1_601, ChronoUnit.MILLIS);
        try (BatchInsert in = insert(
                c,
                "staff",
                "staff_id",
                "first_name",
                "last_name",
                "department_id",
                "email_address",
                "created_at",
                "last_updated")) {
            for (int id : shuffled(ids)) {
                String first = pick(random, FIRST_NAMES);
                String last = pick(random, LAST_NAMES);
                in.add(
                        id,
                        first,
                        last,
                        1 + random.nextInt(DEPARTMENT_NAMES.size()),
                        email(first, last),
                        created,
                        maybeUpdated(created));
            }
        }
        rows.put("staff", (long) ids.size());
        return ids;
    }

    private void salesOrders(
            Connection c,
            List<Integer> designs,
            List<Integer> staff,
            List<Integer> counterparties,
            List<Integer> addresses)
            throws SQLException {
        List<Integer> ids = sparseIds(sizes.salesOrders(), 2);
        try (BatchInsert in = insert(
                c,
                "sales_order",
                "sales_order_id",
                "created_at",
                "last_updated",
                "design_id",
                "staff_id",
                "counterparty_id",
                "units_sold",
                "unit_price",
                "currency_id",
                "agreed_delivery_date",
                "agreed_payment_date",
                "agreed_delivery_location_id")) {
            LocalDateTime clock = ORIGIN.plus(2_224, ChronoUnit.MILLIS);
            for (int id : ids) {
                clock = clock.plus(random.nextLong(1, 600_000), ChronoUnit.MILLIS);
                salesCreated.put(id, clock);
                in.add(
                        id,
                        clock,
                        maybeUpdated(clock),
                        pickId(designs),
                        pickId(staff),
                        pickId(counterparties),
                        1_000 + random.nextInt(99_000),
                        money(200, 400),
                        1 + random.nextInt(3),
                        clock.toLocalDate().plusDays(1 + random.nextInt(5)).toString(),
                        clock.toLocalDate().plusDays(1 + random.nextInt(7)).toString(),
                        pickId(addresses));
            }
        }
        rows.put("sales_order", (long) ids.size());
    }

    private void purchaseOrders(
            Connection c, List<Integer> staff, List<Integer> counterparties, List<Integer> addresses)
            throws SQLException {
        List<Integer> ids = sparseIds(sizes.purchaseOrders(), 1);
        try (BatchInsert in = insert(
                c,
                "purchase_order",
                "purchase_order_id",
                "created_at",
                "last_updated",
                "staff_id",
                "counterparty_id",
                "item_code",
                "item_quantity",
                "item_unit_price",
                "currency_id",
                "agreed_delivery_date",
                "agreed_payment_date",
                "agreed_delivery_location_id")) {
            LocalDateTime clock = ORIGIN.plus(2_224, ChronoUnit.MILLIS);
            for (int id : ids) {
                clock = clock.plus(random.nextLong(1, 850_000), ChronoUnit.MILLIS);
                purchaseCreated.put(id, clock);
                in.add(
                        id,
                        clock,
                        maybeUpdated(clock),
                        pickId(staff),
                        pickId(counterparties),
                        itemCode(random),
                        1 + random.nextInt(1_000),
                        money(100, 100_000),
                        1 + random.nextInt(3),
                        clock.toLocalDate().plusDays(1 + random.nextInt(7)).toString(),
                        clock.toLocalDate().plusDays(1 + random.nextInt(7)).toString(),
                        pickId(addresses));
            }
        }
        rows.put("purchase_order", (long) ids.size());
    }

    /** One transaction per order and one payment per transaction, as in Totesys. */
    private void transactionsAndPayments(Connection c, List<Integer> counterparties) throws SQLException {
        List<Map.Entry<Integer, LocalDateTime>> orders = new ArrayList<>(salesCreated.entrySet());
        int sales = orders.size();
        orders.addAll(purchaseCreated.entrySet());
        List<Integer> transactionIds = sparseIds(orders.size(), 1);
        List<Integer> paymentIds = sparseIds(orders.size(), 2);
        List<Object[]> payments = new ArrayList<>(orders.size());
        try (BatchInsert tx = insert(
                c,
                "transaction",
                "transaction_id",
                "transaction_type",
                "sales_order_id",
                "purchase_order_id",
                "created_at",
                "last_updated")) {
            for (int i = 0; i < orders.size(); i++) {
                boolean sale = i < sales;
                int orderId = orders.get(i).getKey();
                LocalDateTime created = orders.get(i).getValue().plus(random.nextLong(1, 5_000), ChronoUnit.MILLIS);
                tx.add(
                        transactionIds.get(i),
                        sale ? "SALE" : "PURCHASE",
                        sale ? orderId : null,
                        sale ? null : orderId,
                        created,
                        created);
                int paymentType = (sale ? 1 : 3) + (random.nextInt(20) == 0 ? 1 : 0);
                payments.add(new Object[] {
                    paymentIds.get(i),
                    created,
                    maybeUpdated(created),
                    transactionIds.get(i),
                    pickId(counterparties),
                    money(100, 50_000_000),
                    1 + random.nextInt(3),
                    paymentType,
                    random.nextBoolean(),
                    created.toLocalDate().plusDays(random.nextInt(30)).toString(),
                    accountNumber(random),
                    accountNumber(random)
                });
            }
        }
        // payments reference transactions, so they go in after the transaction batch is flushed
        try (BatchInsert pay = insert(
                c,
                "payment",
                "payment_id",
                "created_at",
                "last_updated",
                "transaction_id",
                "counterparty_id",
                "payment_amount",
                "currency_id",
                "payment_type_id",
                "paid",
                "payment_date",
                "company_ac_number",
                "counterparty_ac_number")) {
            for (Object[] payment : payments) {
                pay.add(payment);
            }
        }
        rows.put("transaction", (long) orders.size());
        rows.put("payment", (long) orders.size());
    }

    /** Ascending ids from {@code first} with gaps (about one id in six is skipped), like the seed's. */
    private List<Integer> sparseIds(int count, int first) {
        List<Integer> ids = new ArrayList<>(count);
        int next = first;
        while (ids.size() < count) {
            if (random.nextInt(6) != 0) {
                ids.add(next);
            }
            next++;
        }
        return ids;
    }

    /** Rows are inserted out of id order, so a scan without ORDER BY returns unordered ids. */
    private List<Integer> shuffled(List<Integer> ids) {
        List<Integer> copy = new ArrayList<>(ids);
        Collections.shuffle(copy, new java.util.Random(random.nextLong()));
        return copy;
    }

    private int pickId(List<Integer> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    /** Four rows in five were never updated; the others were updated up to 60 days later. */
    private LocalDateTime maybeUpdated(LocalDateTime created) {
        if (random.nextInt(5) != 0) {
            return created;
        }
        return created.plus(Duration.ofMillis(random.nextLong(1, 60L * 86_400_000L)));
    }

    private BigDecimal money(int minCents, int maxCents) {
        return BigDecimal.valueOf(minCents + random.nextLong(maxCents - minCents + 1L), 2);
    }

    private String person() {
        return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
    }

    private static BatchInsert insert(Connection c, String table, String... columns) throws SQLException {
        return new BatchInsert(c, table, List.of(columns));
    }
}
