package dev.sluice.notifier;

/** The subscription event cannot be decoded (not base64/gzip/JSON): retrying cannot help. */
public final class MalformedLogEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedLogEventException(String message) {
        super(message);
    }

    public MalformedLogEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
