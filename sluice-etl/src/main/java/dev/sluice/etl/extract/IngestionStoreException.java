package dev.sluice.etl.extract;

/** Reading or writing the ingestion bucket failed; the next scheduled run retries. */
public final class IngestionStoreException extends ExtractException {

    public IngestionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
