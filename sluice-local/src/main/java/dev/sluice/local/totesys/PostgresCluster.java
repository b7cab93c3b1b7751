package dev.sluice.local.totesys;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL 17 (zonky) on 127.0.0.1, either {@link #temporary} (a fresh cluster deleted on close: tests,
 * demo, benches) or {@link #persistent} (a cluster kept in a folder across restarts: {@code ./sluice up}).
 *
 * <p>A persistent cluster is locked against a second {@code sluice up} on the same folder, runs with durable
 * commits (zonky's test defaults turn fsync and synchronous commit off), and is stopped only by {@link #close}
 * (zonky's own shutdown hook would stop it while a stage still uses it). {@code pg_ctl} detaches the server from
 * our process group, so a JVM killed with {@code kill -9} leaves it running: the next start stops that orphan
 * (fast shutdown) before starting its own. A {@code postmaster.pid} whose process is gone is PostgreSQL's to
 * handle: it replaces a stale file itself.
 */
final class PostgresCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local.totesys");
    /** How long an orphan server left by a killed JVM gets for its fast shutdown. */
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final String CLUSTER_TABLE = "sluice_cluster";

    private final EmbeddedPostgres postgres;
    private final Optional<Path> dataDir;
    private final FileChannel lock;

    private PostgresCluster(EmbeddedPostgres postgres, Optional<Path> dataDir, FileChannel lock) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.lock = lock;
    }

    /** A fresh cluster in a temporary folder, deleted on close. */
    static PostgresCluster temporary(int port) throws IOException {
        return new PostgresCluster(builder(port).start(), Optional.empty(), null);
    }

    /** The cluster kept in {@code dir} (created by initdb when the folder has none), started on {@code port}. */
    static PostgresCluster persistent(Path dir, int port) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (!tryLock(channel)) {
                throw new IOException(dir + " is in use by another sluice up (it holds " + lockFile + ")");
            }
            stopOrphan(absolute);
            EmbeddedPostgres postgres = builder(port)
                    .setDataDirectory(absolute)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            return new PostgresCluster(postgres, Optional.of(dir), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static EmbeddedPostgres.Builder builder(int port) {
        return EmbeddedPostgres.builder().setPort(port).setServerConfig("listen_addresses", "127.0.0.1");
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by this JVM (a second stack in one process)
        }
    }

    /** Stops a server left running in {@code dir} by a JVM that died without stopping it. */
    private static void stopOrphan(Path dir) throws IOException {
        List<String> pidFile;
        try {
            pidFile = Files.readAllLines(dir.resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return;
        }
        Optional<ProcessHandle> orphan = orphanPostmaster(dir, pidFile);
        if (orphan.isEmpty()) {
            return;
        }
        long pid = orphan.get().pid();
        LOG.warn("stopping the PostgreSQL server (pid {}) an earlier sluice up left running in {}", pid, dir);
        try {
            // SIGINT is PostgreSQL's fast shutdown; ProcessHandle can only send SIGTERM (smart: waits for clients).
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            long deadline = System.nanoTime() + ORPHAN_STOP_TIMEOUT.toNanos();
            while (orphan.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (orphan.get().isAlive()) {
            throw new IOException("the PostgreSQL server an earlier sluice up left running in " + dir + " (pid " + pid
                    + ") did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + " s; stop it (kill -INT " + pid
                    + ")");
        }
    }

    /** The live postmaster named by {@code postmaster.pid} (line 1: pid, line 2: data folder), if it serves {@code dir}. */
    private static Optional<ProcessHandle> orphanPostmaster(Path dir, List<String> pidFile) throws IOException {
        if (pidFile.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(pidFile.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path served = Path.of(pidFile.get(1).trim());
        if (!Files.exists(served) || !Files.isSameFile(served, dir)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    int port() {
        return postgres.getPort();
    }

    /** Where the cluster is kept, or empty for a temporary one. */
    Optional<Path> dataDir() {
        return dataDir;
    }

    /** The {@code postgres} database as the {@code postgres} superuser. */
    DataSource admin() {
        return postgres.getPostgresDatabase();
    }

    /** The id recorded by {@link #recordId} when this cluster's databases were set up, or empty if never. */
    Optional<String> id() throws SQLException {
        try (Connection c = admin().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('" + CLUSTER_TABLE + "') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        try (Connection c = admin().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT cluster_id FROM " + CLUSTER_TABLE)) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Records {@code id} (replacing any earlier one) in a table of the {@code postgres} database. */
    void recordId(String id) throws SQLException {
        try (Connection c = admin().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE IF NOT EXISTS " + CLUSTER_TABLE
                    + " (cluster_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("DELETE FROM " + CLUSTER_TABLE);
            try (var insert = c.prepareStatement("INSERT INTO " + CLUSTER_TABLE + " (cluster_id) VALUES (?)")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
            c.commit();
        }
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}), then the folder lock is released. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
