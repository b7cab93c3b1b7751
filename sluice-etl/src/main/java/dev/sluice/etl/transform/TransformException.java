package dev.sluice.etl.transform;

/** The transform could not complete a batch; the state is unchanged, so a retry redoes the batch. */
public class TransformException extends RuntimeException {

    public TransformException(String message) {
        super(message);
    }

    public TransformException(String message, Throwable cause) {
        super(message, cause);
    }
}
