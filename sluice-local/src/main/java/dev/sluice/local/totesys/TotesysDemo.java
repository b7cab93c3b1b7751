package dev.sluice.local.totesys;

import dev.sluice.etl.extract.Extractor;
import dev.sluice.etl.load.Loader;
import dev.sluice.etl.transform.Transformer;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Totesys part of {@code sluice demo}: an embedded PostgreSQL on a free port, seeded; one full cycle (extract →
 * transform → load) into the warehouse; the star-schema report; churn plus two visible changes for the reported
 * staff member (their department renamed, one of their orders repriced); a second cycle; the report again, and the
 * report lines that changed. The same code as the Lambda functions runs, over the demo's local S3.
 */
public final class TotesysDemo {

    static final String INGESTION_BUCKET = "sluice-demo-ingestion";
    static final String PROCESSED_BUCKET = "sluice-demo-processed";
    static final int CHURN_CHANGES = 100;
    static final long CHURN_SEED = 7L; // fixed, so every demo run makes the same random changes
    static final String RENAMED_DEPARTMENT = "Demo Renamed Department";
    static final int EXTRA_UNITS = 1_000;

    /** What the demo showed, and whether the second cycle brought the visible changes into the warehouse. */
    public record Result(
            String reportBefore, String reportAfter, List<String> changedLines, int staffId, boolean changesArrived) {}

    private final S3Client s3;
    private final PrintStream out;

    private TotesysDemo(S3Client s3, PrintStream out) {
        this.s3 = s3;
        this.out = out;
    }

    /** Runs the demo against the S3 endpoint behind {@code s3}, printing to {@code out}. */
    public static Result run(S3Client s3, PrintStream out) throws IOException, SQLException {
        long started = System.nanoTime();
        out.println();
        out.println("Totesys ETL: starting PostgreSQL (totesys seeded at scale 1, empty warehouse)...");
        try (LocalTotesys totesys = LocalTotesys.start(0)) {
            out.printf(
                    "  PostgreSQL on 127.0.0.1:%d, %d source rows seeded%n",
                    totesys.port(),
                    totesys.seeded().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            Result result = new TotesysDemo(s3, out).run(totesys);
            out.printf(
                    "Totesys ETL demo: %s in %d s.%n",
                    result.changesArrived() ? "the changes arrived" : "THE CHANGES DID NOT ARRIVE",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return result;
        }
    }

    private Result run(LocalTotesys totesys) throws SQLException {
        LocalTotesys.ensureBucket(s3, INGESTION_BUCKET);
        Extractor extractor = totesys.extractor(s3, INGESTION_BUCKET);
        Transformer transformer = LocalStar.transformer(s3, INGESTION_BUCKET, PROCESSED_BUCKET);
        Loader loader = LocalStar.loader(
                s3,
                PROCESSED_BUCKET,
                totesys.jdbcUrl(LocalTotesys.WAREHOUSE),
                LocalTotesys.USER,
                LocalTotesys.PASSWORD);
        try (Connection source = totesys.totesys().getConnection();
                Connection warehouse = totesys.warehouse().getConnection()) {
            out.println("Cycle 1 (full):");
            cycle(extractor, transformer, loader);
            int staffId = busiestStaff(warehouse);
            String before = report(warehouse, staffId);
            out.print(before);

            out.println("Churn: " + CHURN_CHANGES + " random changes, then department of staff " + staffId
                    + " renamed to '" + RENAMED_DEPARTMENT + "' and their latest order repriced (+" + EXTRA_UNITS
                    + " units)...");
            int orderId = churn(source, staffId, latestLoadedOrder(warehouse, staffId));
            out.println("Cycle 2 (incremental):");
            cycle(extractor, transformer, loader);
            String after = report(warehouse, staffId);
            out.print(after);

            List<String> changed = changedLines(before, after);
            out.println("What changed in the report (- before, + after):");
            changed.forEach(line -> out.println("  " + line));
            boolean arrived = departmentOf(warehouse, staffId).equals(RENAMED_DEPARTMENT)
                    && factVersions(warehouse, orderId) >= 2;
            return new Result(before, after, changed, staffId, arrived);
        }
    }

    private void cycle(Extractor extractor, Transformer transformer, Loader loader) {
        out.println("  " + extractor.run().describe());
        out.println("  " + transformer.run().describe());
        out.println("  " + loader.run().describe());
    }

    /**
     * Random churn, then the two changes the report shows. They come after the churn (which could itself rename
     * or move this staff member) and with later timestamps, so they are the latest values. Returns the order.
     */
    private int churn(Connection source, int staffId, int orderId) throws SQLException {
        TotesysChurn.Result churned = TotesysChurn.apply(source, CHURN_CHANGES, CHURN_SEED, Clock.systemUTC());
        LocalDateTime at = churned.last().plus(1, ChronoUnit.MILLIS);
        out.printf("  applied %d changes to %d rows%n", churned.changes(), churned.rowsTouched());
        update(
                source,
                "UPDATE department SET department_name = ?, last_updated = ? WHERE department_id = "
                        + "(SELECT department_id FROM staff WHERE staff_id = ?)",
                RENAMED_DEPARTMENT,
                at,
                staffId);
        update(
                source,
                "UPDATE sales_order SET units_sold = units_sold + ?, last_updated = ? WHERE sales_order_id = ?",
                EXTRA_UNITS,
                at.plus(1, ChronoUnit.MILLIS),
                orderId);
        return orderId;
    }

    private static String report(Connection warehouse, int staffId) throws SQLException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        StarReport.print(warehouse, new PrintStream(buffer, true, StandardCharsets.UTF_8), staffId);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /**
     * Report lines only before ("- ") and only after ("+ "), in report order. Runs of spaces are collapsed first:
     * a wider value re-pads its whole table column, which is not a change.
     */
    static List<String> changedLines(String before, String after) {
        Set<String> was = new LinkedHashSet<>(normalised(before));
        Set<String> now = new LinkedHashSet<>(normalised(after));
        Set<String> changed = new LinkedHashSet<>();
        was.stream().filter(line -> !now.contains(line)).forEach(line -> changed.add("- " + line));
        now.stream().filter(line -> !was.contains(line)).forEach(line -> changed.add("+ " + line));
        return List.copyOf(changed);
    }

    private static List<String> normalised(String report) {
        return report.lines()
                .map(line -> line.strip().replaceAll("\\s+", " "))
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static int busiestStaff(Connection warehouse) throws SQLException {
        return Integer.parseInt(single(warehouse, StarReport.BUSIEST_STAFF, null));
    }

    private static String departmentOf(Connection warehouse, int staffId) throws SQLException {
        return single(warehouse, "SELECT department_name FROM dim_staff WHERE staff_id = ?", staffId);
    }

    private static int factVersions(Connection warehouse, int orderId) throws SQLException {
        return Integer.parseInt(
                single(warehouse, "SELECT count(*) FROM fact_sales_order WHERE sales_order_id = ?", orderId));
    }

    /** Their newest order already in the warehouse: repricing it appends a second fact version to the history. */
    private static int latestLoadedOrder(Connection warehouse, int staffId) throws SQLException {
        return Integer.parseInt(single(
                warehouse, "SELECT max(sales_order_id) FROM fact_sales_order WHERE sales_staff_id = ?", staffId));
    }

    private static String single(Connection c, String sql, Integer parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setInt(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    throw new IllegalStateException("no result for: " + sql + " (" + parameter + ")");
                }
                return rs.getString(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object first, LocalDateTime at, int id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, first);
            statement.setObject(2, at);
            statement.setInt(3, id);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("expected one row changed by: " + sql + " (" + id + ")");
            }
        }
    }
}
