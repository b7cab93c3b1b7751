package dev.sluice.etl.load;

import java.time.Duration;
import java.util.List;

/**
 * One load run.
 *
 * @param loaded      batch ids applied by this run, in order
 * @param rows        rows sent to the warehouse (facts already present are skipped by the database)
 * @param lagSeconds  seconds from the newest applied batch's extract to its load (the WarehouseLagSeconds
 *                    metric), or -1 when nothing was applied
 * @param sourceLagSeconds seconds from the newest source change among the applied batches to their commit (the
 *                    SourceToWarehouseLagSeconds metric, the freshness SLO), or -1 when nothing with a known source
 *                    time was applied
 * @param freshnessSeconds seconds from the newest source change the warehouse holds (any run's) to now (the
 *                    WarehouseFreshnessSeconds metric), or -1 when the warehouse holds none
 */
public record LoadSummary(
        List<String> loaded,
        long rows,
        long lagSeconds,
        long sourceLagSeconds,
        long freshnessSeconds,
        Duration elapsed) {

    public LoadSummary {
        loaded = List.copyOf(loaded);
    }

    public String describe() {
        if (loaded.isEmpty()) {
            return "load: nothing to do";
        }
        return "load: " + loaded.size() + " batch(es) " + loaded.getFirst() + " .. " + loaded.getLast() + ", " + rows
                + " rows in " + elapsed.toMillis() + " ms, lag " + lagSeconds + " s, source change to warehouse "
                + sourceLagSeconds + " s";
    }
}
