package dev.sluice.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.etl.testing.PrimingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extract's SnapStart priming: it takes no client and no connection source, so it can reach neither S3, Secrets
 * Manager nor the database (the driver is loaded, no connection is opened), and it writes no file.
 */
class ExtractPrimingTest {

    @Test
    void primingBuildsTheSampleBatchManifestAndWritesNoFile() throws Exception {
        List<String> before = primingFiles();

        BatchManifest manifest = ExtractPriming.prime();

        assertThat(manifest.batchId()).isEqualTo("20221103T142053000Z-000001");
        assertThat(manifest.tables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("sales_order");
            assertThat(t.newWatermark()).isEqualTo("2022-11-03T14:20:52.186");
        });
        assertThat(manifest.watermarks().get("sales_order").keysAtWatermark()).containsExactly("1");
        assertThat(primingFiles()).isEqualTo(before);
    }

    @Test
    void primingLoadsTheExtractsHotPath(@TempDir Path tmp) throws Exception {
        PrimingRun run = PrimingRun.measure("extract", ExtractPriming.class, tmp);

        assertThat(run.loaded())
                .contains(
                        "org.postgresql.Driver",
                        "dev.sluice.etl.extract.SourceTable",
                        "dev.sluice.core.csv.CsvWriter",
                        "dev.sluice.etl.extract.internal.BatchIds",
                        "dev.sluice.etl.extract.BatchManifest",
                        "com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(run.stageClasses()).isGreaterThan(100);
    }

    /** Anything named like a priming step's temporary files in the JVM's temporary directory. */
    private static List<String> primingFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("sluice-prime-"))
                    .sorted()
                    .toList();
        }
    }
}
