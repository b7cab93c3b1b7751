package dev.sluice.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.aws.config.ConfigSource;
import dev.sluice.aws.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./sluice up} reads the filter rule from the Lambda's variables, with the same checks (issue 11). */
class FilterStackConfigTest {

    @Test
    void aThresholdOutsideTheCliNumberGrammarIsAConfigurationErrorNamingTheVariable() {
        for (String bad : new String[] {"NaN", "Infinity", "4.7d"}) {
            assertThatThrownBy(() -> FilterStack.config("in", "out", ConfigSource.of(Map.of("FILTER_THRESHOLD", bad))))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("FILTER_THRESHOLD must be a number like the CLI's --threshold")
                    .hasMessageContaining("got '" + bad + "'");
        }
        assertThat(FilterStack.config("in", "out", ConfigSource.of(Map.of("FILTER_THRESHOLD", "1e1")))
                        .rule()
                        .threshold())
                .isEqualTo(10.0);
    }
}
