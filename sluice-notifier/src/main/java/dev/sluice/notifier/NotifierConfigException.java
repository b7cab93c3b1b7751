package dev.sluice.notifier;

/** The notifier's environment is missing or invalid: fails the cold start with a message naming the variable. */
public final class NotifierConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotifierConfigException(String message) {
        super(message);
    }
}
