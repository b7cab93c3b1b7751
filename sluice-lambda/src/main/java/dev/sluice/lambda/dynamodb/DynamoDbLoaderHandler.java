package dev.sluice.lambda.dynamodb;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.sluice.lambda.runtime.ObjectPipeline;

/**
 * S3 → Lambda: loads every CSV the event names into the table. Fails the invocation (Lambda retries, then the
 * on-failure destination gets the event) when a file failed transiently, e.g. writes still throttled after retries;
 * a file that can never load (no key column, malformed CSV) gets {@code dynamodb/<key>.error.json} instead.
 */
public final class DynamoDbLoaderHandler implements RequestHandler<S3Event, Void> {

    private final ObjectPipeline pipeline;

    /** Used by the Lambda runtime: configuration from the environment, validated once per process. */
    public DynamoDbLoaderHandler() {
        this(LoaderRuntime.PIPELINE);
    }

    public DynamoDbLoaderHandler(ObjectPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        pipeline.handleS3Event(event, context);
        return null;
    }
}
