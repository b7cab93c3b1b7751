package dev.sluice.core.csv;

import java.time.Duration;

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
 */
public record FilterSummary(
        long rowsRead,
        long rowsKept,
        long raggedRows,
        long nonNumericCells,
        long bytesIn,
        long bytesOut,
        Duration elapsed) {}
