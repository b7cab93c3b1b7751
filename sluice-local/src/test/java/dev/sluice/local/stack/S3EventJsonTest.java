package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sluice.aws.s3.S3EventRecords;
import dev.sluice.aws.s3.S3ObjectRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventJsonTest {

    private static final ObjectCreated EVENT = new ObjectCreated(
            "sluice-source",
            "dir/my file+1 é.csv",
            "ObjectCreated:CompleteMultipartUpload",
            "abc-2",
            42,
            "0000018C2D1E0001");

    @Test
    void keysAreEncodedTheWayS3EncodesThem() {
        assertThat(S3EventJson.encodeKey("dir/my file+1 é.csv")).isEqualTo("dir/my+file%2B1+%C3%A9.csv");
    }

    @Test
    void theJsonIsWhatTheLambdaRuntimeDeserialisesIntoAnS3Event() {
        String json = S3EventJson.of(EVENT, "sluice-local-filter", Instant.parse("2026-11-22T01:02:03.456Z"));

        S3Event event = LambdaEventSerializers.serializerFor(
                        S3Event.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        var record = event.getRecords().getFirst();
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.getEventSource()).isEqualTo("aws:s3");
        assertThat(record.getS3().getObject().getKey()).isEqualTo("dir/my+file%2B1+%C3%A9.csv");
        assertThat(record.getS3().getObject().getSequencer()).isEqualTo("0000018C2D1E0001");
        assertThat(S3EventRecords.from(event))
                .containsExactly(new S3ObjectRef(
                        "sluice-source",
                        "dir/my file+1 é.csv",
                        null,
                        "abc-2",
                        42,
                        "ObjectCreated:CompleteMultipartUpload"));
        assertThat(S3EventRecords.fromJson(json)).isEqualTo(S3EventRecords.from(event));
    }
}
