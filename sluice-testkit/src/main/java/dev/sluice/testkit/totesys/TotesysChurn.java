package dev.sluice.testkit.totesys;

import static dev.sluice.testkit.totesys.internal.Vocabulary.*;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Random inserts and updates against a seeded Totesys database, so incremental extracts have something to find.
 * Every change touches one row and sets its {@code last_updated} (inserts also {@code created_at}) to a fresh
 * millisecond timestamp: after the latest one already in the database and not before the wall clock. The changes
 * include the dimension-like updates that downstream joins must follow: a department renamed, a staff member
 * moved to another department, an address changed.
 */
public final class TotesysChurn {

    /** The kinds of change, with their weights out of 100. */
    enum Change {
        NEW_SALES_ORDER(20),
        SALES_ORDER_REPRICED(10),
        NEW_PURCHASE_ORDER(10),
        NEW_TRANSACTION(8),
        NEW_PAYMENT(10),
        PAYMENT_SETTLED(10),
        DEPARTMENT_RENAMED(4),
        STAFF_MOVED(8),
        ADDRESS_CHANGED(8),
        COUNTERPARTY_CONTACT(6),
        NEW_ADDRESS(3),
        NEW_DESIGN(3);

        final int weight;

        Change(int weight) {
            this.weight = weight;
        }
    }

    /** What a churn run did: the rows it touched (table → primary keys) and its timestamps. */
    public record Result(int changes, Map<String, Set<Integer>> touched, LocalDateTime first, LocalDateTime last) {
        public int rowsTouched() {
            return touched.values().stream().mapToInt(Set::size).sum();
        }
    }

    private final Connection c;
    private final SplittableRandom random;
    private final Map<String, List<Integer>> ids = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> touched = new LinkedHashMap<>();
    private LocalDateTime clock;

    private TotesysChurn(Connection c, SplittableRandom random, LocalDateTime start) {
        this.c = c;
        this.random = random;
        this.clock = start;
    }

    /**
     * Applies {@code changes} random changes in one transaction. Without a seed, the seed is derived from the
     * database's latest timestamp, so repeated runs differ but each is reproducible from the same starting data.
     */
    public static Result apply(Connection connection, int changes, Long seed, Clock wallClock) throws SQLException {
        if (changes < 1) {
            throw new IllegalArgumentException("changes must be at least 1, got " + changes);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            LocalDateTime latest = latestTimestamp(connection);
            LocalDateTime now =
                    LocalDateTime.now(wallClock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MILLIS);
            LocalDateTime start =
                    latest.plus(1, ChronoUnit.MILLIS).isAfter(now) ? latest.plus(1, ChronoUnit.MILLIS) : now;
            long effectiveSeed = seed != null
                    ? seed
                    : latest.toInstant(ZoneOffset.UTC).toEpochMilli() ^ TotesysGenerator.DEFAULT_SEED;
            TotesysChurn churn = new TotesysChurn(connection, new SplittableRandom(effectiveSeed), start);
            churn.loadIds();
            for (int i = 0; i < changes; i++) {
                churn.applyOne(churn.nextChange());
            }
            connection.commit();
            return new Result(changes, churn.touched, start, churn.clock);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static LocalDateTime latestTimestamp(Connection connection) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (String table : TotesysSchema.TABLES) {
            parts.add("SELECT max(last_updated) AS t FROM " + table);
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(t) FROM (" + String.join(" UNION ALL ", parts) + ") m")) {
            rs.next();
            LocalDateTime latest = rs.getObject(1, LocalDateTime.class);
            if (latest == null) {
                throw new IllegalStateException("Totesys is empty; run seed before churn");
            }
            return latest;
        }
    }

    private void loadIds() throws SQLException {
        String[][] keys = {
            {"sales_order", "sales_order_id"},
            {"purchase_order", "purchase_order_id"},
            {"transaction", "transaction_id"},
            {"payment", "payment_id"},
            {"department", "department_id"},
            {"staff", "staff_id"},
            {"address", "address_id"},
            {"counterparty", "counterparty_id"},
            {"design", "design_id"}
        };
        try (Statement s = c.createStatement()) {
            for (String[] key : keys) {
                List<Integer> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT " + key[1] + " FROM " + key[0] + " ORDER BY 1")) {
                    while (rs.next()) {
                        list.add(rs.getInt(1));
                    }
                }
                if (list.isEmpty()) {
                    throw new IllegalStateException("table " + key[0] + " is empty; run seed before churn");
                }
                ids.put(key[0], list);
            }
        }
    }

    private Change nextChange() {
        int roll = random.nextInt(100);
        for (Change change : Change.values()) {
            roll -= change.weight;
            if (roll < 0) {
                return change;
            }
        }
        throw new AssertionError("weights add up to 100");
    }

    private void applyOne(Change change) throws SQLException {
        LocalDateTime at = tick();
        switch (change) {
            case NEW_SALES_ORDER -> {
                int id = newId("sales_order");
                update(
                        "INSERT INTO sales_order (sales_order_id, created_at, last_updated, design_id, staff_id,"
                                + " counterparty_id, units_sold, unit_price, currency_id, agreed_delivery_date,"
                                + " agreed_payment_date, agreed_delivery_location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
                        at,
                        at,
                        any("design"),
                        any("staff"),
                        any("counterparty"),
                        1_000 + random.nextInt(99_000),
                        money(200, 400),
                        1 + random.nextInt(3),
                        at.toLocalDate().plusDays(3).toString(),
                        at.toLocalDate().plusDays(5).toString(),
                        any("address"));
                mark("sales_order", id);
            }
            case SALES_ORDER_REPRICED -> {
                int id = any("sales_order");
                update(
                        "UPDATE sales_order SET units_sold = ?, unit_price = ?, last_updated = ? WHERE sales_order_id = ?",
                        1_000 + random.nextInt(99_000),
                        money(200, 400),
                        at,
                        id);
                mark("sales_order", id);
            }
            case NEW_PURCHASE_ORDER -> {
                int id = newId("purchase_order");
                update(
                        "INSERT INTO purchase_order (purchase_order_id, created_at, last_updated, staff_id,"
                                + " counterparty_id, item_code, item_quantity, item_unit_price, currency_id,"
                                + " agreed_delivery_date, agreed_payment_date, agreed_delivery_location_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
                        at,
                        at,
                        any("staff"),
                        any("counterparty"),
                        itemCode(random),
                        1 + random.nextInt(1_000),
                        money(100, 100_000),
                        1 + random.nextInt(3),
                        at.toLocalDate().plusDays(4).toString(),
                        at.toLocalDate().plusDays(6).toString(),
                        any("address"));
                mark("purchase_order", id);
            }
            case NEW_TRANSACTION -> {
                int id = newId("transaction");
                update(
                        "INSERT INTO transaction (transaction_id, transaction_type, sales_order_id, purchase_order_id,"
                                + " created_at, last_updated) VALUES (?, 'SALE', ?, NULL, ?, ?)",
                        id,
                        any("sales_order"),
                        at,
                        at);
                mark("transaction", id);
            }
            case NEW_PAYMENT -> {
                int id = newId("payment");
                update(
                        "INSERT INTO payment (payment_id, created_at, last_updated, transaction_id, counterparty_id,"
                                + " payment_amount, currency_id, payment_type_id, paid, payment_date, company_ac_number,"
                                + " counterparty_ac_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
                        at,
                        at,
                        any("transaction"),
                        any("counterparty"),
                        money(100, 50_000_000),
                        1 + random.nextInt(3),
                        1 + random.nextInt(4),
                        false,
                        at.toLocalDate().toString(),
                        accountNumber(random),
                        accountNumber(random));
                mark("payment", id);
            }
            case PAYMENT_SETTLED -> {
                int id = any("payment");
                update(
                        "UPDATE payment SET paid = TRUE, payment_date = ?, last_updated = ? WHERE payment_id = ?",
                        at.toLocalDate().toString(),
                        at,
                        id);
                mark("payment", id);
            }
            case DEPARTMENT_RENAMED -> {
                int id = any("department");
                update(
                        "UPDATE department SET department_name = ?, last_updated = ? WHERE department_id = ?",
                        pick(random, DEPARTMENT_RENAMES),
                        at,
                        id);
                mark("department", id);
            }
            case STAFF_MOVED -> {
                int id = any("staff");
                update(
                        "UPDATE staff SET department_id = ?, last_updated = ? WHERE staff_id = ?",
                        any("department"),
                        at,
                        id);
                mark("staff", id);
            }
            case ADDRESS_CHANGED -> {
                int id = any("address");
                update(
                        "UPDATE address SET address_line_1 = ?, address_line_2 = ?, city = ?, phone = ?,"
                                + " last_updated = ? WHERE address_id = ?",
                        (100 + random.nextInt(9_900)) + " " + pick(random, STREETS),
                        random.nextBoolean() ? null : pick(random, STREETS),
                        pick(random, CITIES),
                        phone(random),
                        at,
                        id);
                mark("address", id);
            }
            case COUNTERPARTY_CONTACT -> {
                int id = any("counterparty");
                update(
                        "UPDATE counterparty SET commercial_contact = ?, last_updated = ? WHERE counterparty_id = ?",
                        pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES),
                        at,
                        id);
                mark("counterparty", id);
            }
            case NEW_ADDRESS -> {
                int id = newId("address");
                update(
                        "INSERT INTO address (address_id, address_line_1, address_line_2, district, city, postal_code,"
                                + " country, phone, created_at, last_updated) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)",
                        id,
                        (100 + random.nextInt(9_900)) + " " + pick(random, STREETS),
                        pick(random, CITIES),
                        postalCode(random),
                        pick(random, COUNTRIES),
                        phone(random),
                        at,
                        at);
                mark("address", id);
            }
            case NEW_DESIGN -> {
                int id = newId("design");
                String name = pick(random, MATERIALS);
                update(
                        "INSERT INTO design (design_id, created_at, design_name, file_location, file_name, last_updated)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        id,
                        at,
                        name,
                        pick(random, FILE_LOCATIONS),
                        name.toLowerCase(java.util.Locale.ROOT) + "-" + fileSuffix(random) + ".json",
                        at);
                mark("design", id);
            }
        }
    }

    private LocalDateTime tick() {
        LocalDateTime at = clock;
        clock = clock.plus(1, ChronoUnit.MILLIS);
        return at;
    }

    private int any(String table) {
        List<Integer> list = ids.get(table);
        return list.get(random.nextInt(list.size()));
    }

    /** A new id a little above the current maximum, keeping the ids gappy. */
    private int newId(String table) {
        List<Integer> list = ids.get(table);
        int id = list.getLast() + 1 + random.nextInt(3);
        list.add(id);
        return id;
    }

    private void mark(String table, int id) {
        touched.computeIfAbsent(table, t -> new TreeSet<>()).add(id);
    }

    private BigDecimal money(int minCents, int maxCents) {
        return BigDecimal.valueOf(minCents + random.nextLong(maxCents - minCents + 1L), 2);
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, java.sql.Types.OTHER);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        }
    }
}
