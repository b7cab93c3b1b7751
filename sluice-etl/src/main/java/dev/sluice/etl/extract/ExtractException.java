package dev.sluice.etl.extract;

/** Every extract failure: the run did not complete, and the extract state was not advanced. */
public sealed class ExtractException extends RuntimeException
        permits ExtractConfigException, SourceDatabaseException, IngestionStoreException {

    ExtractException(String message, Throwable cause) {
        super(message, cause);
    }
}
