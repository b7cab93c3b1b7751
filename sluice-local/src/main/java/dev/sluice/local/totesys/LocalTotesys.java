package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.etl.totesys.TotesysGenerator;
import dev.sluice.etl.totesys.TotesysSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The local Totesys source for {@code ./sluice up}: an embedded PostgreSQL 17 on 127.0.0.1 with a {@code totesys}
 * database (migrated and seeded at scale 1 when empty) and an empty {@code warehouse} database, both owned by
 * user {@code sluice} (password {@code sluice}; local only). {@link #scheduleExtract} runs the extract function
 * into an S3 bucket on a fixed delay.
 *
 * <pre>{@code
 * try (LocalTotesys totesys = LocalTotesys.start(LocalTotesys.DEFAULT_PG_PORT);
 *      ExtractSchedule schedule = totesys.scheduleExtract(stack.s3(), LocalTotesys.INGESTION_BUCKET,
 *              Duration.ofSeconds(60), System.err::println)) {
 *     totesys.describe().forEach(System.out::println);
 *     ...
 * }
 * }</pre>
 */
public final class LocalTotesys implements AutoCloseable {

    public static final int DEFAULT_PG_PORT = 5433;
    public static final String USER = "sluice";
    public static final String PASSWORD = "sluice";
    public static final String TOTESYS = "totesys";
    public static final String WAREHOUSE = "warehouse";
    public static final String INGESTION_BUCKET = "sluice-ingestion";
    public static final Duration DEFAULT_EXTRACT_EVERY = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Map<String, Long> seeded;

    private LocalTotesys(EmbeddedPostgres postgres, Map<String, Long> seeded) {
        this.postgres = postgres;
        this.seeded = seeded;
    }

    /** Starts PostgreSQL on 127.0.0.1:{@code port} (0 = any free port) with fresh databases, seeded at scale 1. */
    public static LocalTotesys start(int port) throws IOException, SQLException {
        return start(port, 1);
    }

    /** As {@link #start(int)}, seeded at {@code scale} (0 = schema only, no rows). */
    public static LocalTotesys start(int port, int scale) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        try {
            createRoleAndDatabases(postgres.getPostgresDatabase());
            DataSource totesys = dataSource(postgres.getPort(), TOTESYS);
            TotesysSchema.migrate(totesys);
            Map<String, Long> seeded;
            try (Connection c = totesys.getConnection()) {
                seeded = scale > 0 && isEmpty(c)
                        ? TotesysGenerator.seed(c, scale, TotesysGenerator.DEFAULT_SEED) : Map.of();
            }
            return new LocalTotesys(postgres, seeded);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public DataSource totesys() {
        return dataSource(port(), TOTESYS);
    }

    public DataSource warehouse() {
        return dataSource(port(), WAREHOUSE);
    }

    public ConnectionSource totesysConnections() {
        return ConnectionSource.of(jdbcUrl(TOTESYS), USER, PASSWORD);
    }

    /** Rows seeded at start-up, per table (empty when the database already had data). */
    public Map<String, Long> seeded() {
        return seeded;
    }

    /** Lines for the start-up banner. */
    public List<String> describe() {
        long rows = seeded.values().stream().mapToLong(Long::longValue).sum();
        return List.of(
                "  PostgreSQL  : 127.0.0.1:" + port() + "  user " + USER + " / password " + PASSWORD + " (local only)",
                "  Databases   : " + TOTESYS + " (Totesys, " + (seeded.isEmpty() ? "not seeded" : rows
                        + " rows seeded") + "), " + WAREHOUSE + " (empty)",
                "  JDBC        : " + jdbcUrl(TOTESYS));
    }

    /** An extractor of every Totesys table into {@code bucket}. */
    public Extractor extractor(S3Client s3, String bucket) {
        return new Extractor(ExtractConfig.totesys(bucket), totesysConnections(), s3, Clock.systemUTC());
    }

    /**
     * Creates {@code bucket} if needed and runs the extract now and then every {@code every} (fixed delay: one
     * run at a time). Close the schedule before this component.
     */
    public ExtractSchedule scheduleExtract(S3Client s3, String bucket, Duration every, ExtractSchedule.Listener listener) {
        ensureBucket(s3, bucket);
        return ExtractSchedule.start(extractor(s3, bucket), every, listener);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private static void createRoleAndDatabases(DataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            }
            for (String database : List.of(TOTESYS, WAREHOUSE)) {
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                    s.execute("CREATE DATABASE " + database + " OWNER " + USER);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean isEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM currency)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static DataSource dataSource(int port, String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(USER);
        source.setPassword(PASSWORD);
        return source;
    }
}
