package dev.sluice.local.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.local.stack.LocalStack;
import dev.sluice.testkit.totesys.TotesysChurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sluice up}'s Totesys half across restarts on one data folder: the databases are kept and the chain goes
 * on where it stopped; deleting only one half of the state is refused or rebuilt as {@link StatePairing} documents.
 */
class TotesysUpRestartTest {

    /** Only the run at start-up: each start's first run is what these tests look at. */
    private static final Duration NO_SECOND_RUN = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsTheSourceWithItsChurnAndTheWarehouseAndLoadsOnlyTheChurnedRows() throws Exception {
        String sourceAfterChurn;
        List<Long> loadedBefore;
        long factsBefore;
        try (Running up = start()) {
            assertThat(up.banner())
                    .contains(
                            "totesys (Totesys, created, 715 rows seeded), warehouse (created, empty)",
                            "kept in " + dataDir.resolve("postgres"));
            awaitLoadedBatches(up, 1);
            try (Connection c = up.totesys.totesys().totesys().getConnection()) {
                TotesysChurn.apply(c, 25, 7L, Clock.systemUTC());
            }
            sourceAfterChurn = fingerprint(up.totesys.totesys().totesys());
            loadedBefore = rowsLoadedPerBatch(up);
            factsBefore = count(up.totesys.totesys().warehouse(), "fact_sales_order");
        }

        try (Running up = start()) {
            assertThat(up.banner())
                    .contains("totesys (Totesys, reused, not re-seeded), warehouse (reused, 1 batch(es) loaded)");
            assertThat(fingerprint(up.totesys.totesys().totesys()))
                    .as("no re-seed; the churn is kept")
                    .isEqualTo(sourceAfterChurn);
            awaitLoadedBatches(up, 2);
            List<Long> loaded = rowsLoadedPerBatch(up);
            assertThat(loaded.getFirst()).isEqualTo(loadedBefore.getFirst());
            assertThat(loaded.get(1))
                    .as("the watermarks went on: the second batch holds only the churned rows")
                    .isPositive()
                    .isLessThan(loaded.getFirst());
            assertThat(count(up.totesys.totesys().warehouse(), "fact_sales_order"))
                    .isGreaterThanOrEqualTo(factsBefore);
        }
    }

    @Test
    void deletingOnlyThePostgresFolderIsRefusedUntilTheBucketFoldersAreDeletedToo() throws Exception {
        try (Running up = start()) {
            awaitLoadedBatches(up, 1);
        }
        deleteRecursively(dataDir.resolve("postgres"));

        assertThatThrownBy(this::start)
                .isInstanceOf(LocalStateMismatchException.class)
                .hasMessage(dataDir.resolve("s3/sluice-ingestion") + " and " + dataDir.resolve("s3/sluice-processed")
                        + " hold Totesys state (watermarks, batches) taken from a PostgreSQL cluster that is gone ("
                        + dataDir.resolve("postgres") + " is new); delete both folders to start the Totesys chain over"
                        + " from the databases in " + dataDir.resolve("postgres") + " (or delete " + dataDir
                        + " to start from scratch)");

        deleteBucketFolders();
        try (Running up = start()) {
            assertThat(up.banner()).contains("totesys (Totesys, created, 715 rows seeded)");
            awaitLoadedBatches(up, 1);
        }
    }

    @Test
    void deletingOnlyTheBucketFoldersKeepsTheSourceAndRebuildsTheWarehouseFromIt() throws Exception {
        String source;
        try (Running up = start()) {
            awaitLoadedBatches(up, 1);
            try (Connection c = up.totesys.totesys().totesys().getConnection()) {
                TotesysChurn.apply(c, 10, 3L, Clock.systemUTC());
            }
            source = fingerprint(up.totesys.totesys().totesys());
        }
        deleteBucketFolders();

        try (Running up = start()) {
            assertThat(up.banner()).contains("totesys (Totesys, reused, not re-seeded), warehouse (rebuilt empty:");
            assertThat(fingerprint(up.totesys.totesys().totesys())).isEqualTo(source);
            awaitLoadedBatches(up, 1);
            assertThat(count(up.totesys.totesys().warehouse(), "etl_batch"))
                    .as("the old load state went with it")
                    .isEqualTo(1);
        }
        try (Running up = start()) {
            assertThat(up.banner()).as("paired again").contains("warehouse (reused, 1 batch(es) loaded)");
        }
    }

    /** The local stack and the Totesys half, closed in {@code ./sluice up}'s order. */
    private record Running(LocalStack stack, TotesysUp totesys) implements AutoCloseable {
        String banner() {
            return String.join("\n", totesys.banner());
        }

        @Override
        public void close() throws Exception {
            try {
                totesys.close();
            } finally {
                stack.close();
            }
        }
    }

    private Running start() throws Exception {
        LocalStack stack = LocalStack.builder().port(0).dataDir(dataDir).start();
        try {
            return new Running(stack, TotesysUp.start(stack.s3(), 0, NO_SECOND_RUN, dataDir));
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private void deleteBucketFolders() throws Exception {
        for (String bucket : List.of(LocalTotesys.INGESTION_BUCKET, LocalStar.PROCESSED_BUCKET)) {
            Path folder = dataDir.resolve("s3").resolve(bucket);
            assertThat(folder).isDirectory();
            deleteRecursively(folder);
        }
    }

    private static void deleteRecursively(Path folder) throws Exception {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void awaitLoadedBatches(Running up, int batches) throws Exception {
        DataSource warehouse = up.totesys.totesys().warehouse();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count(warehouse, "etl_batch") < batches) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the warehouse did not get " + batches + " batch(es) in 60 s");
            }
            Thread.sleep(100);
        }
    }

    private static List<Long> rowsLoadedPerBatch(Running up) throws SQLException {
        List<Long> rows = new ArrayList<>();
        try (Connection c = up.totesys.totesys().warehouse().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rows_loaded FROM etl_batch ORDER BY batch_id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1));
            }
        }
        return rows;
    }

    private static long count(DataSource db, String table) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not migrated yet: the loader does it
            }
            throw e;
        }
    }

    /** Every row of every Totesys table, as one digest per table. */
    private static String fingerprint(DataSource totesys) throws SQLException {
        StringBuilder digest = new StringBuilder();
        try (Connection c = totesys.getConnection();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " 'public' AND table_name <> 'flyway_schema_history' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).hasSize(11);
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY"
                        + " t::text), '')) FROM \"" + table + "\" t")) {
                    rs.next();
                    digest.append(table)
                            .append(' ')
                            .append(rs.getLong(1))
                            .append(' ')
                            .append(rs.getString(2))
                            .append('\n');
                }
            }
        }
        return digest.toString();
    }
}
