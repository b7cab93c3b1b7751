package dev.sluice.lambda.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import dev.sluice.core.csv.CsvLimits;
import dev.sluice.core.mapping.KeyColumns;
import dev.sluice.core.mapping.TypeInference;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoaderConfigTest {

    static LoaderConfig config(String... env) {
        Map<String, String> map = new HashMap<>(Map.of("TABLE_NAME", "t", "REJECTS_BUCKET", "errors"));
        for (int i = 0; i < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return LoaderConfig.from(ConfigSource.of(map));
    }

    @Test
    void defaultsArePutAutoCustomerIdAndEightWrites() {
        assertThat(config())
                .isEqualTo(new LoaderConfig(
                        "t",
                        KeyColumns.of("customer_id"),
                        WriteMode.PUT,
                        TypeInference.AUTO,
                        "errors",
                        8,
                        Optional.empty(),
                        CsvLimits.DEFAULT_MAX_RECORD_BYTES));
    }

    @Test
    void everyVariableIsRead() {
        assertThat(config(
                        "KEY_COLUMN",
                        "id",
                        "SORT_KEY_COLUMN",
                        "ts",
                        "WRITE_MODE",
                        "Merge",
                        "TYPE_INFERENCE",
                        "strings",
                        "WRITE_CONCURRENCY",
                        "3",
                        "SOURCE_BUCKET",
                        "in",
                        "MAX_RECORD_SIZE",
                        "1MiB"))
                .isEqualTo(new LoaderConfig(
                        "t",
                        KeyColumns.of("id", "ts"),
                        WriteMode.MERGE,
                        TypeInference.STRINGS,
                        "errors",
                        3,
                        Optional.of("in"),
                        1 << 20));
    }

    @Test
    void badValuesNameTheVariableAndTheChoices() {
        assertThatThrownBy(() -> LoaderConfig.from(ConfigSource.of(Map.of("REJECTS_BUCKET", "e"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TABLE_NAME is required: set it to the DynamoDB table that receives the rows");
        assertThatThrownBy(() -> LoaderConfig.from(ConfigSource.of(Map.of("TABLE_NAME", "t"))))
                .hasMessage("REJECTS_BUCKET is required: set it to the errors bucket that receives rejected rows and"
                        + " error reports");
        assertThatThrownBy(() -> config("WRITE_MODE", "upsert"))
                .hasMessage("WRITE_MODE must be put or merge, got 'upsert' (unknown write mode 'upsert': choose put"
                        + " or merge)");
        assertThatThrownBy(() -> config("TYPE_INFERENCE", "smart"))
                .hasMessage("TYPE_INFERENCE must be auto or strings, got 'smart' (unknown type inference 'smart':"
                        + " choose auto or strings)");
        assertThatThrownBy(() -> config("WRITE_CONCURRENCY", "0"))
                .hasMessage("WRITE_CONCURRENCY must be between 1 and 64, got 0");
        assertThatThrownBy(() -> config("SORT_KEY_COLUMN", "customer_id"))
                .hasMessage("SORT_KEY_COLUMN: the sort key column must differ from the key column 'customer_id'");
    }

    @Test
    void rejectsBucketMustNotBeTheSourceBucket() {
        assertThatThrownBy(() -> config("SOURCE_BUCKET", "errors"))
                .hasMessageStartingWith("loop guard: REJECTS_BUCKET and SOURCE_BUCKET are both 'errors'");
    }
}
