package dev.sluice.local.totesys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.local.cli.SluiceCli;
import dev.sluice.local.cli.StdStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sluice totesys transform|load|report} against the local Totesys component and an in-process S3. */
class LocalStarTest {

    static LocalTotesys totesys;
    static S3Proxy proxy;
    static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        totesys = LocalTotesys.start(0);
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test").build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(2);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
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
        assertThat(before.out).contains("Sales by month and currency", "currency_code", "British Pound",
                "Their sales order history");

        try (Connection c = totesys.totesys().getConnection(); Statement s = c.createStatement()) {
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

    private static int busiestStaff() throws Exception {
        try (Connection c = totesys.warehouse().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(StarReport.BUSIEST_STAFF)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SluiceCli.run(new StdStreams(new ByteArrayInputStream(new byte[0]), out,
                new PrintStream(err, true, UTF_8)), args);
        return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
    }
}
