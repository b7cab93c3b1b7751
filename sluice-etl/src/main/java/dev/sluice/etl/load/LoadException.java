package dev.sluice.etl.load;

/** The load could not apply a batch; its transaction rolled back, so a retry applies it whole. */
public class LoadException extends RuntimeException {

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public LoadException(String message) {
        super(message);
    }
}
