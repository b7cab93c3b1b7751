package dev.sluice.notifier;

/** SNS did not accept an alert: the invocation fails so Lambda retries the delivery. */
public final class AlertDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AlertDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
