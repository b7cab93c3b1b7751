package dev.sluice.lambda.runtime;

import dev.sluice.aws.failure.FailureKind;
import dev.sluice.aws.failure.ProcessingFailure;
import dev.sluice.aws.failure.SkipReason;
import dev.sluice.aws.s3.S3ObjectRef;
import java.time.Duration;

/** What happened to one object named by an event. */
public sealed interface ObjectOutcome {

    S3ObjectRef object();

    record Processed(S3ObjectRef object, ObjectResult result, Duration elapsed) implements ObjectOutcome {}

    record Skipped(S3ObjectRef object, SkipReason reason, String detail) implements ObjectOutcome {}

    /** {@code reportLocation} is where the error report was written (permanent failures only), else null. */
    record Failed(S3ObjectRef object, ProcessingFailure failure, Duration elapsed, String reportLocation)
            implements ObjectOutcome {
        public boolean isTransient() {
            return failure.kind() == FailureKind.TRANSIENT;
        }
    }
}
