package dev.sluice.aws.failure;

/** Thrown by a processor that finds, once it looks at the object, that it must skip it. */
public final class ObjectSkipped extends RuntimeException {

    private final SkipReason reason;

    public ObjectSkipped(SkipReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
