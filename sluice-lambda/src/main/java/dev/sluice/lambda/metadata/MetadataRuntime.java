package dev.sluice.lambda.metadata;

import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.runtime.SnapshotPriming;
import dev.sluice.core.profile.CsvProfile;
import dev.sluice.core.profile.CsvProfiler;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PowertoolsPipelineMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Resource;
import software.amazon.awssdk.services.s3.S3Client;

/** The deployed function's process-wide state, built once in the init phase (SnapStart snapshots it). */
final class MetadataRuntime {

    static final MetadataConfig CONFIG = MetadataConfig.from(ConfigSource.environment());
    static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
    static final ObjectPipeline PIPELINE = MetadataFunction.pipeline(S3, CONFIG, new PowertoolsPipelineMetrics());
    /** CRaC keeps only weak references to resources: this field keeps the priming hook alive. */
    static final Resource PRIMING = SnapshotPriming.register(Priming::prime);

    private MetadataRuntime() {}

    /** Before the SnapStart snapshot, profiles a small in-memory CSV and serialises its summary (no network). */
    static final class Priming {
        private static final byte[] SAMPLE =
                "id,score,flag\r\n007,5.5,true\r\n\"x, y\",,false\r\n".getBytes(StandardCharsets.UTF_8);

        private Priming() {}

        /** Returns the JSON of the sample's summary, so a test can check the priming really ran. */
        static String prime() throws IOException {
            CsvProfile profile = CsvProfiler.profile(new ByteArrayInputStream(SAMPLE));
            return FileMetadataProcessor.toJson(Map.of("csvProfile", profile));
        }
    }
}
