package dev.sluice.local.stack;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sluice.lambda.filter.FilterS3Handler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The filter function as Lambda runs it, in its own JVM: configuration from the environment, the handler built by its
 * no-argument constructor, the event deserialised by the Lambda runtime's serializer. Args: bucket key size eTag.
 * Prints the peak RSS (VmHWM) on success.
 */
public final class LargeObjectChild {

    public static void main(String[] args) throws Exception {
        ObjectCreated created = new ObjectCreated(
                args[0],
                args[1],
                "ObjectCreated:CompleteMultipartUpload",
                args[3],
                Long.parseLong(args[2]),
                "0000000000000001");
        String json = S3EventJson.of(created, "large-test", Instant.now());
        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, LargeObjectChild.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        long start = System.nanoTime();
        new FilterS3Handler().handleRequest(event, null);
        long ms = (System.nanoTime() - start) / 1_000_000;
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM"))
                .findFirst()
                .orElse("VmHWM: ?");
        System.out.println("CHILD-RESULT ms=" + ms + " " + hwm.replaceAll("\\s+", " "));
    }
}
