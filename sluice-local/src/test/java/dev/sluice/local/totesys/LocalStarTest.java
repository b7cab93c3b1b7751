package dev.sluice.local.totesys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.cli.SluiceCli;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code sluice totesys transform|load|report} against the local Totesys component and an in-process S3. */
class LocalStarTest {

    static LocalTotesys totesys;
    static S3ProxyServer proxy;
    static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        totesys = LocalTotesys.start(0);
        proxy = S3ProxyServer.start();
        endpoint = proxy.endpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        totesys.close();
    }

    @Test
    void extractTransformLoadThenChurnAndAgainShowsTheChangeInTheReport() throws Exception {
        String s3 = "--s3-endpoint=" + endpoint;
        String totesysDb = "--jdbc-url=" + totesys.jdbcUrl(LocalTotesys.TOTESYS);
        String warehouse = "--warehouse-url=" + totesys.jdbcUrl(LocalTotesys.WAREHOUSE);

        assertThat(run("totesys", "extract", s3, totesysDb).code).isZero();
        Run transform = run("totesys", "transform", s3);
        assertThat(transform.code).as(transform.err).isZero();
        assertThat(transform.out).startsWith("transform: 1 batch(es) ");
        Run load = run("totesys", "load", s3, warehouse);
        assertThat(load.code).as(load.err).isZero();
        assertThat(load.out).startsWith("load: 1 batch(es) ");
        Run before = run("totesys", "report", warehouse);
        assertThat(before.code).as(before.err).isZero();
        assertThat(before.out)
                .contains("Sales by month and currency", "currency_code", "British Pound", "Their sales order history");

        try (Connection c = totesys.totesys().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE department SET department_name = 'Renamed Dept', last_updated = now() "
                    + "WHERE department_id = (SELECT department_id FROM staff WHERE staff_id = "
                    + busiestStaff() + ")");
        }
        assertThat(run("totesys", "extract", s3, totesysDb).code).isZero();
        assertThat(run("totesys", "transform", s3).out).startsWith("transform: 1 batch(es) ");
        assertThat(run("totesys", "load", s3, warehouse).out).startsWith("load: 1 batch(es) ");
        assertThat(run("totesys", "load", s3, warehouse).out).isEqualTo("load: nothing to do\n");
        Run after = run("totesys", "report", warehouse);
        assertThat(before.out).doesNotContain("Renamed Dept");
        assertThat(after.out).contains("Renamed Dept");
    }

    @Test
    void aSourceChangeReachesTheWarehouseWithinOneScheduleIntervalPlusAMargin() throws Exception {
        Duration every = Duration.ofSeconds(2);
        String warehouseDb = "warehouse_freshness";
        try (Connection c = totesys.totesys().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + warehouseDb + " OWNER " + LocalTotesys.USER);
        }
        String warehouseUrl = totesys.jdbcUrl(warehouseDb);
        try (S3Client s3 = LocalClients.s3(endpoint)) {
            StarChain chain = new StarChain(
                    TotesysUp.loggingListener(),
                    LocalStar.transformer(s3, "fresh-ingestion", "fresh-processed"),
                    LocalStar.loader(s3, "fresh-processed", warehouseUrl, LocalTotesys.USER, LocalTotesys.PASSWORD));
            try (ExtractSchedule schedule = totesys.scheduleExtract(s3, "fresh-ingestion", every, chain);
                    Connection warehouse =
                            DriverManager.getConnection(warehouseUrl, LocalTotesys.USER, LocalTotesys.PASSWORD)) {
                awaitValue(
                        warehouse,
                        "SELECT count(*) FROM etl_batch",
                        v -> v != null && !v.equals("0"),
                        Duration.ofMinutes(2));
                String city = "Freshness City " + System.nanoTime();
                long changed = System.nanoTime();
                try (Connection c = totesys.totesys().getConnection();
                        Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE address SET city = '" + city + "', last_updated = now() "
                            + "WHERE address_id = (SELECT min(address_id) FROM address)");
                }
                awaitValue(
                        warehouse,
                        "SELECT city FROM dim_location ORDER BY location_id LIMIT 1",
                        city::equals,
                        Duration.ofMinutes(1));
                Duration latency = Duration.ofNanos(System.nanoTime() - changed);
                System.out.println("freshness: source update visible in the warehouse after " + latency.toMillis()
                        + " ms (extract every " + every.toMillis() + " ms)");
                assertThat(latency).isLessThan(every.plus(Duration.ofSeconds(30)));
            }
        }
    }

    private static void awaitValue(
            Connection c, String sql, java.util.function.Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String value = null;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                value = rs.next() ? rs.getString(1) : null;
            } catch (java.sql.SQLException e) {
                // the schema may not be migrated yet
            }
            if (done.test(value)) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("waiting for " + sql + ", last value " + value)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int busiestStaff() throws Exception {
        try (Connection c = totesys.warehouse().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(StarReport.BUSIEST_STAFF)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SluiceCli.run(
                new StdStreams(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, UTF_8)), args);
        return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
    }
}
