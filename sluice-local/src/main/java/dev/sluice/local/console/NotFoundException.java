package dev.sluice.local.console;

/** Nothing at this path or with this id: 404 with the message. */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
