package dev.sluice.etl.extract;

/** The configuration is wrong (table allow-list, secret, bucket): retrying will not help until it is fixed. */
public final class ExtractConfigException extends ExtractException {

    public ExtractConfigException(String message) {
        super(message, null);
    }
}
