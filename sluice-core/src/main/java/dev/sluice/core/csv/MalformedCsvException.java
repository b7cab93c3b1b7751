package dev.sluice.core.csv;

/** The input is not valid CSV, e.g. a quoted field is still open at the end of the input. */
public final class MalformedCsvException extends CsvException {
    public MalformedCsvException(String problem, long line) {
        super("line " + line + ": " + problem, line);
    }
}
