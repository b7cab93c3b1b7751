package dev.sluice.local.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The persistent cluster after the JVM that ran it was killed with {@code kill -9}, and its folder lock. */
class PostgresClusterTest {

    /** What a {@code kill -9} of {@code ./sluice up} leaves in the cluster's folder. */
    enum Leftover {
        /** Only the JVM died: pg_ctl detached the server from its process group, so it is still running. */
        RUNNING_SERVER,
        /** The server died too (kill -9 of everything, a reboot): only its {@code postmaster.pid} is left. */
        STALE_PID_FILE
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Leftover.class)
    void theNextStartAfterAKillMinusNineServesTheKeptDataWithDurableCommits(Leftover leftover) throws Exception {
        Path cluster = dir.resolve("postgres");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanClusterChild.class.getName(),
                        cluster.toString())
                .redirectErrorStream(true)
                .start();
        try {
            awaitReady(child);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid"))
                        .getFirst()
                        .trim()))
                .orElseThrow();
        assertThat(postmaster.isAlive()).as("the server outlived its JVM").isTrue();
        if (leftover == Leftover.STALE_PID_FILE) {
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        }

        try (PostgresCluster restarted = PostgresCluster.persistent(cluster, 0)) {
            assertThat(postmaster.isAlive()).as("the orphan was stopped").isFalse();
            assertThat(query(restarted, "SELECT x FROM kept")).isEqualTo("42");
            assertThat(query(restarted, "SHOW fsync")).isEqualTo("on");
            assertThat(query(restarted, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void aSecondClusterOnTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
        Path cluster = dir.resolve("postgres");
        try (PostgresCluster first = PostgresCluster.persistent(cluster, 0)) {
            assertThatThrownBy(() -> PostgresCluster.persistent(cluster, 0))
                    .isInstanceOf(IOException.class)
                    .hasMessage(cluster + " is in use by another sluice up (it holds " + dir.resolve("postgres.lock")
                            + ")");
            assertThat(query(first, "SELECT 1")).isEqualTo("1");
        }
    }

    private static void awaitReady(Process child) throws Exception {
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.equals("ready")) {
                        return "ready";
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString();
        });
        assertThat(output.get(90, TimeUnit.SECONDS)).isEqualTo("ready");
    }

    private static String query(PostgresCluster cluster, String sql) throws SQLException {
        try (Connection c = cluster.admin().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
