package dev.sluice.lambda.runtime;

import dev.sluice.aws.s3.S3ObjectRef;
import java.io.IOException;

/**
 * The one class a new S3-triggered function implements: what to do with one object. The {@link ObjectPipeline}
 * around it handles events, skips, failure classification, error reports, logs and metrics.
 *
 * <p>Throw {@link PermanentFailure} for input that can never succeed (with its line when known) and
 * {@link ObjectSkipped} to skip; anything else (including {@link IOException} and SDK exceptions) is treated as
 * transient and retried. Processing the same object twice must give the same result.
 */
@FunctionalInterface
public interface ObjectProcessor {

    ObjectResult process(S3ObjectRef object) throws IOException;
}
