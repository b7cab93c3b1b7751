package dev.sluice.etl.load;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.extract.ExtractConfig;
import dev.sluice.etl.extract.Extractor;
import dev.sluice.testkit.LocalClients;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The victim of {@link KillNineTest}: a separate JVM that runs one extract or one load against the parent's
 * PostgreSQL and S3 and is killed with SIGKILL somewhere inside it. Connections carry the application name
 * {@value #APPLICATION_NAME} so the parent can see its open transaction in {@code pg_stat_activity}.
 *
 * <p>Arguments: {@code extract|load <jdbc-url> <s3-endpoint> <bucket>}.
 */
public final class CrashChild {

    static final String APPLICATION_NAME = "sluice-crash-child";

    private CrashChild() {}

    public static void main(String[] args) {
        String mode = args[0];
        ConnectionSource db = ConnectionSource.of(
                args[1] + (args[1].contains("?") ? "&" : "?") + "ApplicationName=" + APPLICATION_NAME, "postgres", "");
        S3Client s3 = LocalClients.s3(URI.create(args[2]));
        System.out.println("READY");
        System.out.flush();
        switch (mode) {
            case "extract" ->
                System.out.println(new Extractor(ExtractConfig.totesys(args[3]), db, s3, Clock.systemUTC())
                        .run()
                        .describe());
            case "load" ->
                System.out.println(new Loader(LoadConfig.of(args[3]), db, s3, Clock.systemUTC())
                        .run()
                        .describe());
            default -> throw new IllegalArgumentException("mode must be extract or load, got " + mode);
        }
    }
}
