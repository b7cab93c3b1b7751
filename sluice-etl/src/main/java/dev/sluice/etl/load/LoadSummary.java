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
 */
public record LoadSummary(List<String> loaded, long rows, long lagSeconds, Duration elapsed) {

    public LoadSummary {
        loaded = List.copyOf(loaded);
    }

    public String describe() {
        if (loaded.isEmpty()) {
            return "load: nothing to do";
        }
        return "load: " + loaded.size() + " batch(es) " + loaded.getFirst() + " .. " + loaded.getLast() + ", " + rows
                + " rows in " + elapsed.toMillis() + " ms, lag " + lagSeconds + " s";
    }
}
