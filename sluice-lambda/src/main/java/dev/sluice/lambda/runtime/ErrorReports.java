package dev.sluice.lambda.runtime;

import dev.sluice.lambda.s3.S3ObjectRef;

/** Where permanent failures are parked, so they are visible in one documented place. */
@FunctionalInterface
public interface ErrorReports {

    /** Writes the report and returns its location; throws if it could not be written (the failure then becomes transient). */
    String write(S3ObjectRef object, PermanentFailure failure);
}
