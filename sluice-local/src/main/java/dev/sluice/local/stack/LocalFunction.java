package dev.sluice.local.stack;

import dev.sluice.aws.s3.S3ObjectRef;
import dev.sluice.lambda.runtime.InvocationReport;
import java.util.List;

/**
 * A function the local stack invokes for S3 events, e.g. {@code pipeline::process} of an
 * {@link dev.sluice.lambda.runtime.ObjectPipeline}. A report that {@link InvocationReport#needsRetry() needs a retry}
 * (or a thrown exception) counts as a failed invocation, as in Lambda.
 */
@FunctionalInterface
public interface LocalFunction {

    InvocationReport invoke(List<S3ObjectRef> objects);
}
