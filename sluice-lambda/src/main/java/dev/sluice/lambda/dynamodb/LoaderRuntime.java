package dev.sluice.lambda.dynamodb;

import dev.sluice.aws.clients.DynamoDbClients;
import dev.sluice.aws.clients.S3Clients;
import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.runtime.SnapshotPriming;
import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRecord;
import dev.sluice.core.mapping.MappedRow;
import dev.sluice.core.mapping.RowMapper;
import dev.sluice.lambda.runtime.ObjectPipeline;
import dev.sluice.lambda.runtime.PowertoolsPipelineMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployed loader's process-wide state, built once in Lambda's init phase (so a SnapStart snapshot holds it):
 * validated configuration, the S3 and DynamoDB clients, the pipeline. Loaded lazily by the handler's no-argument
 * constructor, so tests that inject a pipeline never read the environment.
 */
final class LoaderRuntime {

    static final LoaderConfig CONFIG = LoaderConfig.from(ConfigSource.environment());

    static {
        // The JDK keeps at most http.maxConnections (default 5) idle connections per host; with more writes in
        // flight, the extra connections would be closed and re-opened (a TLS handshake each) on every request.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, CONFIG.concurrency())));
        }
    }

    static final S3Client S3 = S3Clients.fromConfig(ConfigSource.environment());
    static final DynamoDbClient DYNAMO_DB = DynamoDbClients.fromConfig(ConfigSource.environment());
    static final ObjectPipeline PIPELINE =
            LoaderFunction.pipeline(S3, DYNAMO_DB, CONFIG, new PowertoolsPipelineMetrics());
    /** CRaC keeps only weak references to resources: this field keeps the priming hook alive. */
    static final Resource PRIMING = SnapshotPriming.register(() -> Priming.prime(CONFIG));

    private LoaderRuntime() {}

    /**
     * Before the SnapStart snapshot, reads, maps and turns a small in-memory sample into write requests (nothing is
     * sent), so the CSV reader, type inference and the SDK's model classes are loaded and warm in the snapshot.
     */
    static final class Priming {
        private Priming() {}

        /** Returns the write requests built from the sample, so a test can check the priming really ran. */
        static List<WriteRequest> prime(LoaderConfig config) throws IOException {
            String key = config.keys().hash();
            String sort = config.keys().sort().map(s -> "," + s).orElse("");
            String sample =
                    key + sort + ",name,age,active\r\n1" + (sort.isEmpty() ? "" : ",a") + ",\"Ann, A\",34,true\r\n";
            CsvReader reader = CsvReader.of(new ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8)));
            RowMapper mapper = RowMapper.forHeader(reader.next().fields(), config.keys(), config.inference());
            List<WriteRequest> requests = new ArrayList<>();
            for (CsvRecord row = reader.next(); row != null; row = reader.next()) {
                if (mapper.map(row.fields()) instanceof MappedRow.Item item) {
                    requests.add(BatchPutWriter.request(item, config.keys()));
                    MergeWriter.request(config.tableName(), config.keys(), item);
                }
            }
            return requests;
        }
    }
}
