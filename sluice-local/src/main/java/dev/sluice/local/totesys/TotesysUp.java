package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ExtractSummary;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Totesys part of {@code ./sluice up} in one call: the embedded database ({@link LocalTotesys}) and the
 * extract schedule into {@code sluice-ingestion}, logging one line per run on the {@code sluice.local} logger.
 *
 * <pre>{@code
 * TotesysUp totesys = TotesysUp.start(stack.s3(), pgPort, Duration.ofSeconds(extractEverySeconds));
 * totesys.banner().forEach(out::println);
 * ...
 * totesys.close();   // before the stack: stops the schedule (a running extract finishes), then PostgreSQL
 * }</pre>
 */
public final class TotesysUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("sluice.local.totesys");

    private final LocalTotesys totesys;
    private final ExtractSchedule schedule;
    private final Duration every;

    private TotesysUp(LocalTotesys totesys, ExtractSchedule schedule, Duration every) {
        this.totesys = totesys;
        this.schedule = schedule;
        this.every = every;
    }

    public static TotesysUp start(S3Client s3, int pgPort, Duration every) throws IOException, SQLException {
        LocalTotesys totesys = LocalTotesys.start(pgPort);
        try {
            // etl2: chain transform → load after each extract (the local stand-in for the S3 triggers).
            StarChain chain = new StarChain(loggingListener(),
                    LocalStar.transformer(s3, LocalTotesys.INGESTION_BUCKET, LocalStar.PROCESSED_BUCKET),
                    LocalStar.loader(s3, LocalStar.PROCESSED_BUCKET, totesys.jdbcUrl(LocalTotesys.WAREHOUSE),
                            LocalTotesys.USER, LocalTotesys.PASSWORD));
            ExtractSchedule schedule = totesys.scheduleExtract(s3, LocalTotesys.INGESTION_BUCKET, every, chain);
            return new TotesysUp(totesys, schedule, every);
        } catch (RuntimeException e) {
            totesys.close();
            throw e;
        }
    }

    /** One log line per run: the batch summary's first line, or the failure. */
    static ExtractSchedule.Listener loggingListener() {
        return new ExtractSchedule.Listener() {
            @Override
            public void completed(ExtractSummary summary) {
                LOG.info("totesys extract: {}", summary.describe().lines().findFirst().orElse(""));
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
        lines.add("  Extract     : every " + every.toSeconds() + " s into s3://" + LocalTotesys.INGESTION_BUCKET
                + "/ingestion/  (try: ./sluice totesys churn --changes 100)");
        lines.add("  Star schema : after each extract, transform → s3://" + LocalStar.PROCESSED_BUCKET
                + "/processed/, load → database " + LocalTotesys.WAREHOUSE + "  (try: ./sluice totesys report)");
        return lines;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            schedule.close();
        } finally {
            totesys.close();
        }
    }
}
