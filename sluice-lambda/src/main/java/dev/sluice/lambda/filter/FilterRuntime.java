package dev.sluice.lambda.filter;

import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.runtime.SnapshotPriming;
import dev.sluice.aws.s3.S3EventRecords;
import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.CsvFilter;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PowertoolsPipelineMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.crac.Resource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The process-wide state of the deployed function, built once during Lambda's init phase (and so captured by a
 * SnapStart snapshot): configuration validated from the environment, the S3 client, the pipeline. Loaded lazily by
 * the handlers' no-argument constructors, so tests that inject their own pipeline never read the environment.
 */
final class FilterRuntime {

    static final FilterConfig CONFIG = FilterConfig.from(ConfigSource.environment());
    static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
    static final ObjectPipeline PIPELINE = FilterFunction.pipeline(S3, CONFIG, new PowertoolsPipelineMetrics());
    /** CRaC keeps only weak references to resources: this field keeps the priming hook alive. */
    static final Resource PRIMING = SnapshotPriming.register(() -> Priming.prime(CONFIG));

    private FilterRuntime() {}

    /**
     * Before the SnapStart snapshot, runs the filter and event parsing on a small in-memory sample so their classes are
     * loaded and JIT-warm in the snapshot. Touches no network and captures nothing unique (no connection, no random seed).
     */
    static final class Priming {
        private static final byte[] SAMPLE =
                "name,score\r\n\"a, quoted\",5.5\r\nb,1\r\n".getBytes(StandardCharsets.UTF_8);
        private static final String SAMPLE_EVENT =
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":"
                        + "{\"name\":\"prime\"},\"object\":{\"key\":\"a+b%2Fc.csv\",\"size\":1,\"eTag\":\"0\"}}}]}";

        private Priming() {}

        /** Returns the rows kept from the sample, so a test can check the priming really ran the filter. */
        static long prime(FilterConfig config) throws IOException {
            S3EventRecords.fromJson(SAMPLE_EVENT);
            // Every column: the configured columns may not exist in the sample, the code path is the same.
            CsvFilter filter = CsvFilter.of(config.rule().withColumns(ColumnSelection.parse("*")))
                    .withMaxRecordBytes(config.maxRecordBytes());
            return filter.filter(new ByteArrayInputStream(SAMPLE), OutputStream.nullOutputStream())
                    .rowsKept();
        }
    }
}
