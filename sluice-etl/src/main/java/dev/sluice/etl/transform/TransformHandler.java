package dev.sluice.etl.transform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transform Lambda, triggered by a new ingestion batch manifest ({@code ingestion/_batches/*.json}). Thin: the
 * event only says "something new"; the run transforms every batch not yet transformed, so a lost or duplicated
 * event changes nothing. A {@link TransformException} propagates: the invocation fails and is retried.
 *
 * <p>Environment: {@code INGESTION_BUCKET}, {@code PROCESSED_BUCKET}, optional {@code INGESTION_PREFIX},
 * {@code PROCESSED_PREFIX}.
 */
public final class TransformHandler implements RequestHandler<S3Event, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(TransformHandler.class);

    private final Transformer transformer;

    public TransformHandler() {
        this(Defaults.transformer());
    }

    public TransformHandler(Transformer transformer) {
        this.transformer = transformer;
    }

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        List<String> keys = event == null || event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(r -> r.getS3().getObject().getUrlDecodedKey()).toList();
        LOG.info("transform: triggered by {}", keys);
        TransformSummary summary = transformer.run();
        LOG.info(summary.describe());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batches", summary.transformed().stream().map(ProcessedManifest::batchId).toList());
        result.put("adopted", summary.adopted());
        result.put("rows", summary.rows());
        result.put("elapsedMillis", summary.elapsed().toMillis());
        return result;
    }

    private static final class Defaults {
        private static final S3Client S3 = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        static Transformer transformer() {
            return new Transformer(TransformConfig.fromEnv(System.getenv()), S3);
        }
    }
}
