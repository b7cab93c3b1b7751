package dev.sluice.etl.transform;

import java.time.Duration;
import java.util.List;

/**
 * One transform run: the batches it transformed (in order), those it found already published by an earlier run
 * whose state write was lost, the bytes of lookup snapshot objects it wrote (deltas, and bases when a chain was
 * compacted: this follows the rows the batches changed, not the tables' sizes), and how long it took.
 */
public record TransformSummary(
        List<ProcessedManifest> transformed, List<String> adopted, long snapshotBytes, Duration elapsed) {

    public TransformSummary {
        transformed = List.copyOf(transformed);
        adopted = List.copyOf(adopted);
    }

    public long rows() {
        return transformed.stream().mapToLong(ProcessedManifest::totalRows).sum();
    }

    public String describe() {
        if (transformed.isEmpty()) {
            return "transform: nothing to do" + (adopted.isEmpty() ? "" : " (adopted " + adopted + ")");
        }
        return "transform: " + transformed.size() + " batch(es) "
                + transformed.getFirst().batchId() + " .. "
                + transformed.getLast().batchId() + ", " + rows() + " rows in " + elapsed.toMillis() + " ms, "
                + snapshotBytes + " snapshot bytes written";
    }
}
