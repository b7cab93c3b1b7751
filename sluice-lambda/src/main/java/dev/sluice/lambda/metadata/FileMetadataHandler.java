package dev.sluice.lambda.metadata;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.sluice.lambda.runtime.ObjectPipeline;

/**
 * S3 → Lambda: writes a JSON summary of every object the event names to {@code METADATA_BUCKET/<key>.json}. Fails
 * the invocation (so Lambda retries it) only when an object failed transiently.
 */
public final class FileMetadataHandler implements RequestHandler<S3Event, Void> {

    private final ObjectPipeline pipeline;

    /** Used by the Lambda runtime: configuration from the environment, validated once per process. */
    public FileMetadataHandler() {
        this(MetadataRuntime.PIPELINE);
    }

    public FileMetadataHandler(ObjectPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        pipeline.handleS3Event(event, context);
        return null;
    }
}
