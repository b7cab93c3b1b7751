package dev.sluice.lambda.filter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sluice.lambda.runtime.ObjectPipeline;

/**
 * S3 → SQS → Lambda (event source mapping with {@code ReportBatchItemFailures}): returns only the messages to retry.
 */
public final class FilterSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ObjectPipeline pipeline;

    /** Used by the Lambda runtime: configuration from the environment, validated once per process. */
    public FilterSqsHandler() {
        this(FilterRuntime.PIPELINE);
    }

    public FilterSqsHandler(ObjectPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return pipeline.handleSqsEvent(event, context);
    }
}
