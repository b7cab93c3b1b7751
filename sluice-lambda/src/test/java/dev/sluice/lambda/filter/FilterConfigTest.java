package dev.sluice.lambda.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterConfigTest {

    private static FilterConfig config(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return FilterConfig.from(ConfigSource.of(env));
    }

    @Test
    void defaultsAreTheSeedRule() {
        FilterConfig c = config("DESTINATION_BUCKET", "out");
        assertThat(c.rule().describe()).isEqualTo("gt 4.7 columns=* match=any");
        assertThat(c.outputPrefix()).isEmpty();
        assertThat(c.logLevel()).isEqualTo("INFO");
        assertThat(c.outputKey("a/b.csv")).isEqualTo("a/b.csv");
    }

    @Test
    void everyVariableIsRead() {
        FilterConfig c = config(
                "DESTINATION_BUCKET",
                "out",
                "FILTER_THRESHOLD",
                "10",
                "FILTER_OP",
                "LE",
                "FILTER_COLUMNS",
                "price,2",
                "FILTER_MATCH",
                "all",
                "OUTPUT_PREFIX",
                "filtered/",
                "LOG_LEVEL",
                "debug");
        assertThat(c.rule().threshold()).isEqualTo(10.0);
        assertThat(c.rule().describe()).startsWith("le 10");
        assertThat(c.rule().describe()).contains("match=all");
        assertThat(c.outputKey("a.csv")).isEqualTo("filtered/a.csv");
        assertThat(c.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void missingDestinationSaysWhatToSet() {
        assertThatThrownBy(() -> config())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "DESTINATION_BUCKET is required: set it to the bucket that receives the filtered CSV files");
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "  "))
                .hasMessageStartingWith("DESTINATION_BUCKET is required");
    }

    @Test
    void badValuesNameTheVariableAndTheValue() {
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "out", "FILTER_THRESHOLD", "abc"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "FILTER_THRESHOLD must be a number like the CLI's --threshold ([+-]digits[.digits][e[+-]digits],"
                                + " e.g. 4.7; no NaN, Infinity, hex or type suffix), got 'abc' (not a number)");
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "out", "FILTER_OP", "bigger"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("FILTER_OP must be one of gt, ge, lt, le, eq, ne, got 'bigger'");
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "out", "FILTER_MATCH", "most"))
                .hasMessageStartingWith("FILTER_MATCH must be any or all, got 'most'");
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "out", "LOG_LEVEL", "LOUD"))
                .hasMessage("LOG_LEVEL must be one of DEBUG, ERROR, INFO, TRACE, WARN, got 'LOUD' (unknown level)");
    }

    @Test
    void theThresholdHasTheCliNumberGrammarSoNaNInfinityAndTypeSuffixesAreConfigurationErrors() {
        for (String bad : new String[] {"NaN", "Infinity", "-Infinity", "4.7d", "4.7f", "0x1p3", "1_000"}) {
            assertThatThrownBy(() -> config("DESTINATION_BUCKET", "out", "FILTER_THRESHOLD", bad))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("FILTER_THRESHOLD must be a number like the CLI's --threshold")
                    .hasMessageContaining("got '" + bad + "'");
        }
        assertThat(config("DESTINATION_BUCKET", "out", "FILTER_THRESHOLD", " -1e3 ")
                        .rule()
                        .threshold())
                .isEqualTo(-1000.0);
        assertThat(config("DESTINATION_BUCKET", "out", "FILTER_THRESHOLD", ".5")
                        .rule()
                        .threshold())
                .isEqualTo(0.5);
    }

    @Test
    void maxRecordSizeIsReadWithA16MiBDefault() {
        assertThat(config("DESTINATION_BUCKET", "out").maxRecordBytes()).isEqualTo(16 << 20);
        assertThat(config("DESTINATION_BUCKET", "out", "MAX_RECORD_SIZE", "64MiB")
                        .maxRecordBytes())
                .isEqualTo(64 << 20);
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "out", "MAX_RECORD_SIZE", "big"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "MAX_RECORD_SIZE must be a size in bytes, or with K, M or G (e.g. 16MiB), got" + " 'big'");
    }

    @Test
    void loopGuardRefusesSameBucketWithoutPrefix() {
        assertThatThrownBy(() -> config("DESTINATION_BUCKET", "data", "SOURCE_BUCKET", "data"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("loop guard: SOURCE_BUCKET and DESTINATION_BUCKET are both 'data'");
        assertThat(config("DESTINATION_BUCKET", "data", "SOURCE_BUCKET", "data", "OUTPUT_PREFIX", "filtered/")
                        .outputPrefix())
                .isEqualTo("filtered/");
    }

    @Test
    void primingRunsTheFilterOnTheSampleWithoutTouchingTheNetwork() throws Exception {
        FilterConfig c = config("DESTINATION_BUCKET", "out", "FILTER_COLUMNS", "no_such_column");
        assertThat(FilterRuntime.Priming.prime(c)).isEqualTo(1);
    }
}
