package dev.sluice.core.csv;

/**
 * A record (a row with its line end) is longer than the maximum record size: the input is refused instead of being
 * held in memory. Usually a quote left open early in a large file; otherwise the limit can be raised
 * ({@link CsvLimits}).
 */
public final class RecordTooLongException extends CsvException {
    private final int maxRecordBytes;

    public RecordTooLongException(int maxRecordBytes, long line) {
        super(
                "line " + line + ": record is longer than the maximum record size of "
                        + CsvLimits.describe(maxRecordBytes) + "; is a quote left open?",
                line);
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The limit that was exceeded, in bytes. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }
}
