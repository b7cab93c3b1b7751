package dev.sluice.aws.failure;

public final class TransientFailure extends ProcessingFailure {

    public TransientFailure(String reason, String message, Throwable cause) {
        super(reason, message, 0, cause);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.TRANSIENT;
    }
}
