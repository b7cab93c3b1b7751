package dev.sluice.lambda.runtime;

import dev.sluice.aws.failure.PermanentFailure;
import dev.sluice.aws.s3.S3ObjectRef;

/** Where permanent failures are parked, so they are visible in one documented place. */
public interface ErrorReports {

    /** Writes the report and returns its location; throws if it could not be written (the failure then becomes transient). */
    String write(S3ObjectRef object, PermanentFailure failure);

    /**
     * Removes the report an earlier run left for {@code object}, if any. Called once the object was processed, so the
     * reports describe each key's latest run only. No report is not an error; throws if one could not be removed.
     */
    void clear(S3ObjectRef object);
}
