package dev.sluice.etl.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.etl.testing.PrimingRun;
import dev.sluice.etl.warehouse.WarehouseTable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load's SnapStart priming: it takes no client and no connection source, so it can reach neither S3, Secrets
 * Manager nor the warehouse.
 */
class LoadPrimingTest {

    @Test
    void primingReadsOneRowOfEveryWarehouseTableAndLeavesNoFile(@TempDir Path tmp) throws Exception {
        assertThat(LoadPriming.prime(tmp)).isEqualTo(WarehouseTable.values().length);
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void primingLoadsTheLoadsHotPath(@TempDir Path tmp) throws Exception {
        PrimingRun run = PrimingRun.measure("load", LoadPriming.class, tmp);

        assertThat(run.loaded())
                .contains(
                        "dev.sluice.etl.load.WarehouseSql",
                        "dev.sluice.etl.warehouse.ParquetRows",
                        "blue.strategic.parquet.ParquetReader",
                        "org.apache.parquet.hadoop.ParquetFileReader",
                        "org.postgresql.Driver",
                        "dev.sluice.etl.transform.ProcessedManifest",
                        "com.fasterxml.jackson.databind.ObjectMapper");
        assertThat(run.stageClasses()).isGreaterThan(300);
        assertThat(tmp).isEmptyDirectory();
    }
}
