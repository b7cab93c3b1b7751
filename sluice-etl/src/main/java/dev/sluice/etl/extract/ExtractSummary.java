package dev.sluice.etl.extract;

import java.time.Duration;
import java.util.List;

/**
 * What one extract run did.
 *
 * @param outcome        whether a batch was written
 * @param manifest       the batch written (null when there were no changes)
 * @param rolledForward  batches found complete but not yet in the state (a previous run died after its
 *                       manifest), which this run adopted
 */
public record ExtractSummary(Outcome outcome, BatchManifest manifest, List<String> rolledForward, Duration elapsed) {

    public enum Outcome {
        BATCH_WRITTEN,
        NO_CHANGES
    }

    public ExtractSummary {
        rolledForward = List.copyOf(rolledForward);
    }

    public long rows() {
        return manifest == null ? 0 : manifest.totalRows();
    }

    /** A few human lines for the CLI. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!rolledForward.isEmpty()) {
            out.append("adopted complete batch(es) left by an interrupted run: ")
                    .append(rolledForward)
                    .append('\n');
        }
        if (outcome == Outcome.NO_CHANGES) {
            return out.append("no changes since the last batch; nothing written (")
                    .append(elapsed.toMillis())
                    .append(" ms)")
                    .toString();
        }
        out.append("batch ")
                .append(manifest.batchId())
                .append(": ")
                .append(manifest.totalRows())
                .append(" rows in ")
                .append(manifest.tables().size())
                .append(" table(s), ")
                .append(elapsed.toMillis())
                .append(" ms\n");
        for (BatchManifest.Table table : manifest.tables()) {
            out.append(String.format(
                    "  %-15s %8d rows  %s -> %s%n",
                    table.table(),
                    table.rows(),
                    table.oldWatermark() == null ? "(first)" : table.oldWatermark(),
                    table.newWatermark()));
        }
        return out.toString().stripTrailing();
    }
}
