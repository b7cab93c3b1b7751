package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ExtractSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Totesys part of {@code ./sluice up} in one call: the embedded database ({@link LocalTotesys}), kept in
 * {@code <data-dir>/postgres} across restarts and checked against the S3 state ({@link StatePairing}), and the
 * extract → transform → load schedule into {@code sluice-ingestion}, logging one line per run on the
 * {@code sluice.local.totesys} logger.
 *
 * <pre>{@code
 * TotesysUp totesys = TotesysUp.start(stack.s3(), pgPort, Duration.ofSeconds(extractEverySeconds), dataDir);
 * totesys.banner().forEach(out::println);
 * ...
 * totesys.close();   // before the stack: stops the schedule (a running stage finishes), then PostgreSQL
 * }</pre>
 */
public final class TotesysUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local.totesys");

    /** The cluster's folder under the data folder. */
    public static final String POSTGRES_FOLDER = "postgres";
    /** The seed scale of a created {@code totesys} database. */
    private static final int SCALE = 1;

    private final LocalTotesys totesys;
    private final StarChain chain;
    private final ExtractSchedule schedule;
    private final Duration every;

    private TotesysUp(LocalTotesys totesys, StarChain chain, ExtractSchedule schedule, Duration every) {
        this.totesys = totesys;
        this.chain = chain;
        this.schedule = schedule;
        this.every = every;
    }

    /**
     * Starts (or creates) the cluster in {@code <dataDir>/postgres} on 127.0.0.1:{@code pgPort}, sets up its
     * databases as {@link StatePairing} decides from the S3 state, then the schedule (first run now).
     *
     * @throws LocalStateMismatchException when the S3 state does not belong to the cluster (nothing was changed)
     */
    public static TotesysUp start(S3Client s3, int pgPort, Duration every, Path dataDir)
            throws IOException, SQLException {
        return start(s3, pgPort, every, dataDir, EtlObserver.NONE);
    }

    /** As above, telling {@code observer} about every extract, transform and load run (the console's counts). */
    public static TotesysUp start(S3Client s3, int pgPort, Duration every, Path dataDir, EtlObserver observer)
            throws IOException, SQLException {
        Path clusterDir = dataDir.resolve(POSTGRES_FOLDER);
        PostgresCluster cluster = PostgresCluster.persistent(clusterDir, pgPort);
        try {
            StatePairing pairing = new StatePairing(
                    s3, LocalTotesys.INGESTION_BUCKET, LocalStar.PROCESSED_BUCKET, dataDir, clusterDir);
            StatePairing.Setup setup = pairing.decide(pairing.observe(cluster.id()));
            LocalTotesys totesys = LocalTotesys.open(cluster, setup, SCALE);
            if (setup != StatePairing.Setup.REUSE) {
                pairing.record(totesys.clusterId());
            }
            LOG.info(
                    "totesys: databases {} in {}",
                    switch (setup) {
                        case CREATE -> "created";
                        case REUSE -> "reused";
                        case REBUILD_WAREHOUSE -> "reused (warehouse rebuilt from the source)";
                    },
                    clusterDir);
            // etl2: chain transform → load after each extract (the local stand-in for the S3 triggers).
            StarChain chain = new StarChain(
                    loggingListener(),
                    LocalStar.transformer(s3, LocalTotesys.INGESTION_BUCKET, LocalStar.PROCESSED_BUCKET),
                    LocalStar.loader(
                            s3,
                            LocalStar.PROCESSED_BUCKET,
                            totesys.jdbcUrl(LocalTotesys.WAREHOUSE),
                            LocalTotesys.USER,
                            LocalTotesys.PASSWORD),
                    observer);
            ExtractSchedule schedule = totesys.scheduleExtract(s3, LocalTotesys.INGESTION_BUCKET, every, chain);
            return new TotesysUp(totesys, chain, schedule, every);
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** One log line per run: the batch summary's first line, or the failure. */
    static ExtractSchedule.Listener loggingListener() {
        return new ExtractSchedule.Listener() {
            @Override
            public void completed(ExtractSummary summary) {
                LOG.info(
                        "totesys extract: {}",
                        summary.describe().lines().findFirst().orElse(""));
            }

            @Override
            public void failed(RuntimeException failure) {
                LOG.error("totesys extract failed (next run retries): {}", failure.getMessage());
            }
        };
    }

    public LocalTotesys totesys() {
        return totesys;
    }

    /** Lines for the start-up banner. */
    public List<String> banner() {
        List<String> lines = new ArrayList<>(totesys.describe());
        // The hints must reach this stack, whatever port it got (--pg-port 0 picks a free one).
        String port = totesys.port() == LocalTotesys.DEFAULT_PG_PORT ? "" : " --pg-port " + totesys.port();
        lines.add("  Extract     : every " + every.toSeconds() + " s into s3://" + LocalTotesys.INGESTION_BUCKET
                + "/ingestion/  (try: ./sluice totesys churn --changes 100" + port + ")");
        lines.add("  Star schema : after each extract, transform → s3://" + LocalStar.PROCESSED_BUCKET
                + "/processed/, load → database " + LocalTotesys.WAREHOUSE + "  (try: ./sluice totesys report" + port
                + ")");
        return lines;
    }

    /**
     * Stops in order: no new stage starts, the running one gets up to {@link ExtractSchedule#STOP_TIMEOUT} to
     * finish, then PostgreSQL stops (fast shutdown).
     */
    @Override
    public void close() throws IOException, InterruptedException {
        chain.stop();
        try {
            schedule.close();
        } finally {
            totesys.close();
        }
    }
}
