package dev.sluice.aws.failure;

public enum FailureKind {
    /** Retrying may succeed: throttling, 5xx, time-outs, a failed destination write. */
    TRANSIENT,
    /** Retrying cannot succeed: malformed input, object gone, access denied to the source. */
    PERMANENT
}
