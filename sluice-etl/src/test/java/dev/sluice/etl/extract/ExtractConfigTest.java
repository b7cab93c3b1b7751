package dev.sluice.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.aws.config.Settings;
import dev.sluice.testkit.totesys.TotesysSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractConfigTest {

    /** Read the way the handler reads its environment. */
    private static ExtractConfig settings(Map<String, String> values) {
        return ExtractConfig.from(new Settings(ConfigSource.of(values)));
    }

    @Test
    void defaultsToEveryTotesysTable() {
        ExtractConfig config = settings(Map.of("INGESTION_BUCKET", "sluice-ingestion"));
        assertThat(config.tables()).isEqualTo(TotesysSchema.TABLES);
        assertThat(config.schema()).isEqualTo("public");
        assertThat(config.prefix()).isEqualTo("ingestion");
        assertThat(config.fetchSize()).isEqualTo(1_000);
    }

    @Test
    void anInjectionStringInTheAllowListIsRejectedAtStartUp() {
        assertThatThrownBy(() -> settings(
                        Map.of("INGESTION_BUCKET", "sluice-ingestion", "TOTESYS_TABLES", "staff; drop table staff;")))
                .isInstanceOf(ExtractConfigException.class)
                .hasMessage("table name 'staff; drop table staff;' is not a plain identifier"
                        + " (lower-case letters, digits, '_'; at most 63): rejected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Staff", "staff\"", "public.staff", "", " staff ", "1staff", "sta ff", "staff--"})
    void tableNamesThatAreNotPlainIdentifiersAreRejected(String name) {
        assertThatThrownBy(() -> new ExtractConfig("sluice-ingestion", "ingestion", "public", List.of(name), 10))
                .isInstanceOf(ExtractConfigException.class)
                .hasMessageEndingWith(
                        "is not a plain identifier (lower-case letters, digits, '_'; at most 63): rejected");
    }

    @Test
    void listedTablesAreTrimmedAndDuplicatesRejected() {
        ExtractConfig config = settings(Map.of("INGESTION_BUCKET", "b-1x", "TOTESYS_TABLES", " staff , department"));
        assertThat(config.tables()).containsExactly("staff", "department");
        assertThatThrownBy(() -> settings(Map.of("INGESTION_BUCKET", "b-1x", "TOTESYS_TABLES", "staff,staff")))
                .hasMessage("the table allow-list [staff, staff] names a table twice");
    }

    @Test
    void aMissingBucketOrABadFetchSizeIsAConfigurationError() {
        assertThatThrownBy(() -> settings(Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("INGESTION_BUCKET is required: set it to the ingestion bucket's name");
        assertThatThrownBy(() -> settings(Map.of("INGESTION_BUCKET", "bkt", "EXTRACT_FETCH_SIZE", "lots")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("EXTRACT_FETCH_SIZE must be a whole number, e.g. 1000, got 'lots'");
        assertThatThrownBy(() -> ExtractConfig.totesys("Not_A_Bucket"))
                .hasMessage("ingestion bucket 'Not_A_Bucket' is not a valid S3 bucket name");
    }

    @Test
    void sqlIsBuiltFromQuotedCatalogNamesWithTheWatermarkBound() {
        SourceTable table = new SourceTable(
                "public", "staff", List.of("staff_id", "first_name", "last_updated"), List.of("staff_id"));
        assertThat(table.selectAll())
                .isEqualTo("SELECT \"staff_id\", \"first_name\", \"last_updated\""
                        + " FROM \"public\".\"staff\" ORDER BY \"last_updated\", \"staff_id\"");
        assertThat(table.selectSince())
                .isEqualTo(
                        "SELECT \"staff_id\", \"first_name\", \"last_updated\""
                                + " FROM \"public\".\"staff\" WHERE \"last_updated\" >= ? ORDER BY \"last_updated\", \"staff_id\"");
        assertThat(SourceTable.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }
}
