package dev.sluice.local.stack;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.lambda.filter.FilterConfig;
import dev.sluice.lambda.filter.FilterFunction;
import dev.sluice.lambda.runtime.PipelineMetrics;
import java.util.Map;

/**
 * The filter pipeline on the local stack, wired as Terraform wires it in AWS: ObjectCreated on the source bucket for
 * {@code *.csv} → the filter function → the filtered bucket. The rule comes from the same environment variables as the
 * Lambda ({@code FILTER_THRESHOLD}, {@code FILTER_OP}, {@code FILTER_COLUMNS}, {@code FILTER_MATCH},
 * {@code OUTPUT_PREFIX}); the destination is the filtered bucket.
 */
public final class FilterStack {

    public static final String SOURCE_BUCKET = "sluice-source";
    public static final String FILTERED_BUCKET = "sluice-filtered";
    public static final String ROUTE = "filter";

    private FilterStack() {}

    /** Validates the filter configuration now, before anything starts. */
    public static FilterConfig config(String sourceBucket, String filteredBucket, ConfigSource environment) {
        return FilterConfig.from(ConfigSource.layered(
                Map.of(
                        FilterConfig.DESTINATION_BUCKET, filteredBucket,
                        FilterConfig.SOURCE_BUCKET, sourceBucket),
                environment));
    }

    public static LocalStack.Builder register(LocalStack.Builder stack, String sourceBucket, FilterConfig config) {
        return stack.bucket(sourceBucket)
                .bucket(config.destinationBucket())
                .route(
                        ROUTE,
                        sourceBucket,
                        ".csv",
                        context -> FilterFunction.pipeline(context.s3(), config, PipelineMetrics.none())::process);
    }
}
