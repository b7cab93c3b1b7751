package dev.sluice.local.console;

/** A request the console refuses with 400 and this message (never a stack trace). */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
