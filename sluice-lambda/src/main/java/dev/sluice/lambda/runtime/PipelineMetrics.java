package dev.sluice.lambda.runtime;

/** Where per-object outcomes are counted. One invocation at a time: {@link #flush()} ends it. */
public interface PipelineMetrics {

    void record(ObjectOutcome outcome);

    void flush();

    /** For the local stack, which reports through its own log line per file instead. */
    static PipelineMetrics none() {
        return new PipelineMetrics() {
            @Override
            public void record(ObjectOutcome outcome) {}

            @Override
            public void flush() {}
        };
    }
}
