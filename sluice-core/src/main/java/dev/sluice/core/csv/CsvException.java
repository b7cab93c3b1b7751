package dev.sluice.core.csv;

/**
 * Base of every CSV error: unchecked, with a clear message and the 1-based input line it concerns
 * ({@code 0} when no line applies, e.g. a configuration error).
 */
public class CsvException extends RuntimeException {
    private final long line;

    protected CsvException(String message, long line) {
        super(message);
        this.line = line;
    }

    /** The 1-based line of the input this error concerns, or {@code 0} if not applicable. */
    public long line() {
        return line;
    }
}
