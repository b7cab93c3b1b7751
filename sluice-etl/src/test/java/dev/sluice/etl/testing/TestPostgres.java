package dev.sluice.etl.testing;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.testkit.totesys.TotesysGenerator;
import dev.sluice.testkit.totesys.TotesysSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** One embedded PostgreSQL 17 per test class (on 127.0.0.1, a free port); each test takes a fresh database. */
public final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    /** A database of this server: a pool-less DataSource for the test, and connections as the extract opens them. */
    public record Db(String name, DataSource dataSource, ConnectionSource connections) {
        public Connection connect() throws SQLException {
            return dataSource.getConnection();
        }
    }

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestPostgres start() throws IOException {
        return new TestPostgres(EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .start());
    }

    /** A new database with the Totesys schema migrated. */
    public Db newTotesys() throws SQLException {
        Db db = newDatabase();
        TotesysSchema.migrate(db.dataSource());
        return db;
    }

    /** A new Totesys database seeded at scale 1 with the default seed: the usual template for {@link #copyOf}. */
    public Db newSeededTotesys() throws SQLException {
        Db db = newTotesys();
        try (Connection c = db.connect()) {
            TotesysGenerator.seed(c, 1, TotesysGenerator.DEFAULT_SEED);
        }
        return db;
    }

    public Db newDatabase() throws SQLException {
        return create("");
    }

    /** A file-level copy of {@code template} (much faster than seeding again); the template must be idle. */
    public Db copyOf(Db template) throws SQLException {
        return create(" TEMPLATE " + template.name());
    }

    private Db create(String options) throws SQLException {
        String name = "totesys_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + options);
        }
        return new Db(
                name,
                postgres.getDatabase("postgres", name),
                ConnectionSource.of(postgres.getJdbcUrl("postgres", name), "postgres", ""));
    }

    /** The database's JDBC URL (for another process, e.g. a child JVM). */
    public String jdbcUrl(Db db) {
        return postgres.getJdbcUrl("postgres", db.name());
    }

    public DataSource admin() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
