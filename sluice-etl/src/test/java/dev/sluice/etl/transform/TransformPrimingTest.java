package dev.sluice.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.etl.testing.PrimingRun;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform's SnapStart priming: it takes no client at all, so it can reach neither S3 nor anything else. */
class TransformPrimingTest {

    @Test
    void primingTransformsTheSampleIntoEveryWarehouseTableAndLeavesNoFile(@TempDir Path tmp) throws Exception {
        ProcessedManifest manifest = TransformPriming.prime(tmp);

        assertThat(manifest.tables())
                .extracting(ProcessedManifest.Output::table)
                .containsExactlyElementsOf(Arrays.stream(WarehouseTable.values())
                        .map(WarehouseTable::tableName)
                        .toList());
        // One row per source table, and the 4 distinct dates the three facts reference.
        assertThat(manifest.totalRows()).isEqualTo(10 + 4);
        assertThat(manifest.sourceUpdatedThrough()).isEqualTo("2022-11-03T14:20:52.186");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void primingLoadsTheTransformsHotPath(@TempDir Path tmp) throws Exception {
        PrimingRun run = PrimingRun.measure("transform", TransformPriming.class, tmp);

        assertThat(run.loaded())
                .contains(
                        "dev.sluice.etl.transform.BatchTransform",
                        "dev.sluice.etl.transform.StarRules",
                        "dev.sluice.etl.transform.internal.PgCsvReader",
                        "dev.sluice.etl.warehouse.ParquetRows$Writer",
                        "blue.strategic.parquet.ParquetWriter",
                        "org.apache.parquet.hadoop.ParquetFileWriter",
                        "com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(run.stageClasses()).isGreaterThan(300);
        assertThat(tmp).isEmptyDirectory();
    }
}
