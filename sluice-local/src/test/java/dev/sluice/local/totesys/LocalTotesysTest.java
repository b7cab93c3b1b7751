package dev.sluice.local.totesys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.etl.extract.ExtractSummary;
import dev.sluice.local.cli.SluiceCli;
import dev.sluice.local.command.StdStreams;
import dev.sluice.testkit.LocalClients;
import dev.sluice.testkit.s3.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The local Totesys component and the {@code sluice totesys} commands against it and an in-process S3. */
class LocalTotesysTest {

    static LocalTotesys totesys;
    static S3ProxyServer proxy;
    static URI endpoint;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        totesys = LocalTotesys.start(0);
        proxy = S3ProxyServer.start();
        endpoint = proxy.endpoint();
        s3 = LocalClients.s3(endpoint);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        proxy.close();
        totesys.close();
    }

    @Test
    void startsTotesysSeededAtScaleOneAndAnEmptyWarehouseAsUserSluice() throws Exception {
        assertThat(totesys.seeded()).containsEntry("sales_order", 50L).containsEntry("currency", 3L);
        assertThat(totesys.describe())
                .startsWith(
                        "  PostgreSQL  : 127.0.0.1:" + totesys.port()
                                + "  user sluice / password sluice (local only; temporary)",
                        "  Databases   : totesys (Totesys, created, 715 rows seeded), warehouse (created, empty)");
        try (Connection c = totesys.warehouse().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'public' GROUP BY 1")) {
            assertThat(rs.next()).as("warehouse has no tables").isFalse();
        }
    }

    @Test
    void scheduleRunsTheExtractAtOnceAndThenOnItsInterval() throws Exception {
        BlockingQueue<Object> runs = new LinkedBlockingQueue<>();
        try (ExtractSchedule schedule = totesys.scheduleExtract(
                s3, "schedule-ingestion", Duration.ofMillis(200), new ExtractSchedule.Listener() {
                    @Override
                    public void completed(ExtractSummary summary) {
                        runs.add(summary);
                    }

                    @Override
                    public void failed(RuntimeException failure) {
                        runs.add(failure);
                    }
                })) {
            Object first = runs.poll(30, TimeUnit.SECONDS);
            Object second = runs.poll(30, TimeUnit.SECONDS);
            assertThat(first)
                    .isInstanceOfSatisfying(
                            ExtractSummary.class,
                            s -> assertThat(s.outcome()).isEqualTo(ExtractSummary.Outcome.BATCH_WRITTEN));
            assertThat(second)
                    .isInstanceOfSatisfying(
                            ExtractSummary.class,
                            s -> assertThat(s.outcome()).isEqualTo(ExtractSummary.Outcome.NO_CHANGES));
        }
    }

    @Test
    void cliChurnsAndExtractsAndPrintsTheBatchSummary() {
        String url = "--jdbc-url=" + totesys.jdbcUrl(LocalTotesys.TOTESYS);
        Run first = run("totesys", "extract", url, "--s3-endpoint=" + endpoint, "--bucket=cli-ingestion");
        Run churn = run("totesys", "churn", url, "--changes=25", "--seed=1");
        Run second = run("totesys", "extract", url, "--s3-endpoint=" + endpoint, "--bucket=cli-ingestion");
        Run third = run("totesys", "extract", url, "--s3-endpoint=" + endpoint, "--bucket=cli-ingestion");

        assertThat(first.code).as(first.err).isZero();
        assertThat(first.out)
                .containsPattern("^batch \\d{8}T\\d{9}Z-000001: 715 rows in 11 table\\(s\\)")
                .contains("  sales_order           50 rows  (first) -> ");
        assertThat(churn.out).as(churn.err).startsWith("applied 25 changes to ");
        assertThat(second.out).as(second.err).containsPattern("^batch \\d{8}T\\d{9}Z-000002: ");
        assertThat(third.out).startsWith("no changes since the last batch; nothing written");
    }

    @Test
    void cliRejectsAnInjectionStringInTheAllowList() {
        Run run = run(
                "totesys",
                "extract",
                "--jdbc-url=" + totesys.jdbcUrl(LocalTotesys.TOTESYS),
                "--s3-endpoint=" + endpoint,
                "--tables=staff; drop table staff;");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err)
                .isEqualTo("sluice totesys extract: table name 'staff; drop table staff;' is not a plain"
                        + " identifier (lower-case letters, digits, '_'; at most 63): rejected\n");
    }

    @Test
    void cliSeedRefusesAFilledDatabaseWithoutReset() {
        Run run = run("totesys", "seed", "--jdbc-url=" + totesys.jdbcUrl(LocalTotesys.TOTESYS));
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err)
                .isEqualTo("sluice totesys seed: table currency already has rows; seed needs empty tables"
                        + " (use --reset to empty them first)\n");
    }

    @Test
    void cliReportsADatabaseThatIsNotThere() {
        Run run = run("totesys", "churn", "--jdbc-url=jdbc:postgresql://127.0.0.1:1/totesys?connectTimeout=2");
        assertThat(run.code).isEqualTo(3);
        assertThat(run.err)
                .startsWith("sluice totesys churn: cannot connect to jdbc:postgresql://127.0.0.1:1/totesys")
                .contains("(is ./sluice up running? or pass --jdbc-url)");
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
