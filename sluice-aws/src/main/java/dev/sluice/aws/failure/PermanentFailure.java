package dev.sluice.aws.failure;

public final class PermanentFailure extends ProcessingFailure {

    public PermanentFailure(String reason, String message, long line, Throwable cause) {
        super(reason, message, line, cause);
    }

    public PermanentFailure(String reason, String message, Throwable cause) {
        this(reason, message, 0, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.PERMANENT;
    }
}
