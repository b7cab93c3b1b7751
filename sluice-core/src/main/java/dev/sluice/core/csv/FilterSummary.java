package dev.sluice.core.csv;

import java.time.Duration;
import java.util.List;

/**
 * What one filter run did.
 *
 * @param rowsRead        data rows read (the header and blank lines are not rows)
 * @param rowsKept        data rows written (the header is always written and not counted)
 * @param raggedRows      data rows whose cell count differs from the header's
 * @param nonNumericCells selected cells that exist but are not numeric (empty cells included)
 * @param bytesIn         bytes read from the input
 * @param bytesOut        bytes written to the output
 * @param elapsed         wall time of the run
 * @param duplicateColumns header names (stripped) that more than one column has, in header order: a name in the
 *                         rule's column list selects every column of that name, so callers warn about them
 */
public record FilterSummary(
        long rowsRead,
        long rowsKept,
        long raggedRows,
        long nonNumericCells,
        long bytesIn,
        long bytesOut,
        Duration elapsed,
        List<String> duplicateColumns) {

    public FilterSummary {
        duplicateColumns = List.copyOf(duplicateColumns);
    }

    /** A summary of a run whose header has no duplicate names. */
    public FilterSummary(
            long rowsRead,
            long rowsKept,
            long raggedRows,
            long nonNumericCells,
            long bytesIn,
            long bytesOut,
            Duration elapsed) {
        this(rowsRead, rowsKept, raggedRows, nonNumericCells, bytesIn, bytesOut, elapsed, List.of());
    }
}
