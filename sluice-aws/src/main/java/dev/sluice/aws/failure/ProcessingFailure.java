package dev.sluice.aws.failure;

/**
 * Why one object could not be processed. {@link TransientFailure}s are worth retrying (the invocation fails so Lambda
 * retries it, or the SQS message becomes visible again); {@link PermanentFailure}s are not (an error report is
 * written instead and the invocation succeeds).
 */
public abstract sealed class ProcessingFailure extends RuntimeException permits TransientFailure, PermanentFailure {

    private final String reason;
    private final long line;

    ProcessingFailure(String reason, String message, long line, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.line = line;
    }

    /** A short stable code, e.g. {@code MALFORMED_CSV}, {@code OBJECT_GONE}, {@code SOURCE_READ_FAILED}. */
    public String reason() {
        return reason;
    }

    /** 1-based line in the source object the failure refers to, 0 when not applicable. */
    public long line() {
        return line;
    }

    public abstract FailureKind kind();
}
