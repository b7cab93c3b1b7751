package dev.sluice.lambda.runtime;

import java.util.stream.Collectors;

/**
 * Thrown by an S3-triggered handler when some object failed transiently, so Lambda retries the event and, after
 * its retries, hands it to the on-failure destination. The message names every failed object and why.
 */
public final class InvocationFailedException extends RuntimeException {

    private final transient InvocationReport report;

    public InvocationFailedException(InvocationReport report) {
        super(
                report.transientFailures().size() + " object(s) failed transiently and will be retried: "
                        + report.transientFailures().stream()
                                .map(f -> f.object().uri() + " (" + f.failure().reason() + ": "
                                        + f.failure().getMessage() + ")")
                                .collect(Collectors.joining("; ")),
                report.transientFailures().getFirst().failure());
        this.report = report;
    }

    public InvocationReport report() {
        return report;
    }
}
