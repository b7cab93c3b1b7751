package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.testkit.totesys.TotesysGenerator;
import dev.sluice.testkit.totesys.TotesysSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The local Totesys source for {@code ./sluice up}: an embedded PostgreSQL 17 on 127.0.0.1 with a {@code totesys}
 * database (migrated and seeded at scale 1 when created) and a {@code warehouse} database (empty when created),
 * both owned by user {@code sluice} (password {@code sluice}; local only). {@link #start} gives a temporary
 * cluster (tests, demo); {@code ./sluice up} keeps its cluster under the data folder ({@link TotesysUp}).
 * {@link #scheduleExtract} runs the extract function into an S3 bucket on a fixed delay.
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
    private static final String UNDEFINED_TABLE = "42P01"; // PostgreSQL SQLSTATE

    private final PostgresCluster cluster;
    private final StatePairing.Setup setup;
    private final String clusterId;
    private final Map<String, Long> seeded;

    private LocalTotesys(
            PostgresCluster cluster, StatePairing.Setup setup, String clusterId, Map<String, Long> seeded) {
        this.cluster = cluster;
        this.setup = setup;
        this.clusterId = clusterId;
        this.seeded = seeded;
    }

    /** Starts a temporary PostgreSQL on 127.0.0.1:{@code port} (0 = any free port), seeded at scale 1. */
    public static LocalTotesys start(int port) throws IOException, SQLException {
        return start(port, 1);
    }

    /** As {@link #start(int)}, seeded at {@code scale} (0 = schema only, no rows). */
    public static LocalTotesys start(int port, int scale) throws IOException, SQLException {
        PostgresCluster cluster = PostgresCluster.temporary(port);
        try {
            return open(cluster, StatePairing.Setup.CREATE, scale);
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Sets up the databases of a running {@code cluster} as {@code setup} says; the caller closes the cluster if
     * this fails. {@link StatePairing.Setup#CREATE} drops any half-made database first (a start that died before
     * recording the cluster's id) and records a new id last, so a recorded id means complete databases.
     */
    static LocalTotesys open(PostgresCluster cluster, StatePairing.Setup setup, int scale) throws SQLException {
        prepareDatabases(cluster, setup);
        DataSource totesys = dataSource(cluster.port(), TOTESYS);
        TotesysSchema.migrate(totesys);
        Map<String, Long> seeded = Map.of();
        String id;
        if (setup == StatePairing.Setup.CREATE) {
            if (scale > 0) {
                try (Connection c = totesys.getConnection()) {
                    seeded = TotesysGenerator.seed(c, scale, TotesysGenerator.DEFAULT_SEED);
                }
            }
            id = UUID.randomUUID().toString();
            cluster.recordId(id);
        } else {
            id = cluster.id().orElseThrow();
        }
        return new LocalTotesys(cluster, setup, id, seeded);
    }

    public int port() {
        return cluster.port();
    }

    public String jdbcUrl(String database) {
        return localJdbcUrl(port(), database);
    }

    static String localJdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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

    /** Rows seeded at start-up, per table (empty when the databases were reused). */
    public Map<String, Long> seeded() {
        return seeded;
    }

    /** The id recorded in the cluster when its databases were created. */
    String clusterId() {
        return clusterId;
    }

    /** Lines for the start-up banner. */
    public List<String> describe() {
        String kept = cluster.dataDir().map(dir -> "kept in " + dir).orElse("temporary");
        return List.of(
                "  PostgreSQL  : 127.0.0.1:" + port() + "  user " + USER + " / password " + PASSWORD + " (local only; "
                        + kept + ")",
                "  Databases   : " + TOTESYS + " (Totesys, " + describeTotesys() + "), " + WAREHOUSE + " ("
                        + describeWarehouse() + ")",
                "  JDBC        : " + jdbcUrl(TOTESYS));
    }

    private String describeTotesys() {
        long rows = seeded.values().stream().mapToLong(Long::longValue).sum();
        return switch (setup) {
            case CREATE -> "created, " + (seeded.isEmpty() ? "not seeded" : rows + " rows seeded");
            case REUSE, REBUILD_WAREHOUSE -> "reused, not re-seeded";
        };
    }

    private String describeWarehouse() {
        return switch (setup) {
            case CREATE -> "created, empty";
            case REUSE -> "reused, " + loadedBatches() + " batch(es) loaded";
            case REBUILD_WAREHOUSE -> "rebuilt empty: its S3 batches were deleted; the next extract reloads it";
        };
    }

    private String loadedBatches() {
        try (Connection c = warehouse().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM etl_batch")) {
            rs.next();
            return String.valueOf(rs.getLong(1));
        } catch (SQLException e) {
            return UNDEFINED_TABLE.equals(e.getSQLState()) ? "0" : "?"; // the loader migrates the schema later
        }
    }

    /** An extractor of every Totesys table into {@code bucket}. */
    public Extractor extractor(S3Client s3, String bucket) {
        return new Extractor(ExtractConfig.totesys(bucket), totesysConnections(), s3, Clock.systemUTC());
    }

    /**
     * Creates {@code bucket} if needed and runs the extract now and then every {@code every} (fixed delay: one
     * run at a time). Close the schedule before this component.
     */
    public ExtractSchedule scheduleExtract(
            S3Client s3, String bucket, Duration every, ExtractSchedule.Listener listener) {
        ensureBucket(s3, bucket);
        return ExtractSchedule.start(extractor(s3, bucket), every, listener);
    }

    @Override
    public void close() throws IOException {
        cluster.close();
    }

    static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private static void prepareDatabases(PostgresCluster cluster, StatePairing.Setup setup) throws SQLException {
        try (Connection c = cluster.admin().getConnection();
                Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            }
            if (setup != StatePairing.Setup.CREATE
                    && !exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", TOTESYS)) {
                throw new LocalStateMismatchException("database " + TOTESYS
                        + " was dropped from the PostgreSQL cluster in "
                        + cluster.dataDir().map(Path::toString).orElse("?") + "; delete that folder and the Totesys"
                        + " bucket folders under s3/ to start over");
            }
            List<String> fresh = switch (setup) {
                case CREATE -> List.of(TOTESYS, WAREHOUSE);
                case REBUILD_WAREHOUSE -> List.of(WAREHOUSE);
                case REUSE -> List.of();
            };
            for (String database : fresh) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
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
