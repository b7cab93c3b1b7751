package dev.sluice.local.totesys;

import dev.sluice.etl.extract.ConnectionSource;
import dev.sluice.etl.load.LoadConfig;
import dev.sluice.etl.load.Loader;
import dev.sluice.etl.transform.TransformConfig;
import dev.sluice.etl.transform.Transformer;
import dev.sluice.etl.warehouse.WarehouseSchema;
import java.time.Clock;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The local transform and load: the Lambda functions' code over the local S3 and the embedded warehouse. */
public final class LocalStar {

    public static final String PROCESSED_BUCKET = "sluice-processed";

    private LocalStar() {}

    public static Transformer transformer(S3Client s3, String ingestionBucket, String processedBucket) {
        LocalTotesys.ensureBucket(s3, processedBucket);
        return new Transformer(TransformConfig.of(ingestionBucket, processedBucket), s3);
    }

    /** A loader into the warehouse at {@code jdbcUrl}, migrating its schema first (idempotent). */
    public static Loader loader(S3Client s3, String processedBucket, String jdbcUrl, String user, String password) {
        PGSimpleDataSource warehouse = new PGSimpleDataSource();
        warehouse.setUrl(jdbcUrl);
        warehouse.setUser(user);
        warehouse.setPassword(password);
        migrate(warehouse);
        LocalTotesys.ensureBucket(s3, processedBucket);
        return new Loader(
                LoadConfig.of(processedBucket), ConnectionSource.of(jdbcUrl, user, password), s3, Clock.systemUTC());
    }

    static void migrate(DataSource warehouse) {
        WarehouseSchema.migrate(warehouse);
    }
}
