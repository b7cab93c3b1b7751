package dev.sluice.core.csv;

/** The input is empty or holds only blank lines, so it has no header line. */
public final class NoHeaderException extends CsvException {
    public NoHeaderException() {
        super("no header: the input is empty or has only blank lines", 0);
    }
}
