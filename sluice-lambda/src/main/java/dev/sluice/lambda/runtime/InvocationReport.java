package dev.sluice.lambda.runtime;

import java.util.List;

/** The outcome of every object in one invocation (or one SQS message), in event order. */
public record InvocationReport(List<ObjectOutcome> outcomes) {

    public InvocationReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<ObjectOutcome.Processed> processed() {
        return outcomes.stream()
                .filter(ObjectOutcome.Processed.class::isInstance)
                .map(ObjectOutcome.Processed.class::cast)
                .toList();
    }

    public List<ObjectOutcome.Skipped> skipped() {
        return outcomes.stream()
                .filter(ObjectOutcome.Skipped.class::isInstance)
                .map(ObjectOutcome.Skipped.class::cast)
                .toList();
    }

    public List<ObjectOutcome.Failed> failed() {
        return outcomes.stream()
                .filter(ObjectOutcome.Failed.class::isInstance)
                .map(ObjectOutcome.Failed.class::cast)
                .toList();
    }

    public List<ObjectOutcome.Failed> transientFailures() {
        return failed().stream().filter(ObjectOutcome.Failed::isTransient).toList();
    }

    /** True when some object must be retried: the invocation (or SQS message) must not report success. */
    public boolean needsRetry() {
        return !transientFailures().isEmpty();
    }
}
