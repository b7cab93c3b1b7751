package dev.sluice.lambda.filter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.sluice.lambda.runtime.ObjectPipeline;

/**
 * S3 → Lambda: filters every CSV the event names. Fails the invocation (so Lambda retries, then sends the event to
 * the on-failure destination) only when an object failed transiently; permanent failures get an error report.
 */
public final class FilterS3Handler implements RequestHandler<S3Event, Void> {

    private final ObjectPipeline pipeline;

    /** Used by the Lambda runtime: configuration from the environment, validated once per process. */
    public FilterS3Handler() {
        this(FilterRuntime.PIPELINE);
    }

    public FilterS3Handler(ObjectPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        pipeline.handleS3Event(event, context);
        return null;
    }
}
