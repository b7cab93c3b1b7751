package dev.sluice.etl.extract;

/** The Totesys database could not be reached or failed mid-run; the next scheduled run retries. */
public final class SourceDatabaseException extends ExtractException {

    public SourceDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
