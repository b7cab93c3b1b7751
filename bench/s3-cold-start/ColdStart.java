import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.sluice.lambda.filter.FilterS3Handler;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;

/**
 * Cold-start proxy for bench/s3-bench.sh: a fresh JVM deserialises one S3 event (with the Lambda runtime's serializer),
 * builds the handler (static init: configuration, S3 client) and handles the event against a local endpoint.
 * Prints the milliseconds from JVM start to handler return.
 */
public final class ColdStart {
    public static void main(String[] args) throws Exception {
        S3Event event;
        try (FileInputStream in = new FileInputStream(args[0])) {
            event = LambdaEventSerializers.serializerFor(S3Event.class, ColdStart.class.getClassLoader()).fromJson(in);
        }
        new FilterS3Handler().handleRequest(event, null);
        System.out.println("COLD-START-MS " + ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
