package dev.sluice.aws.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings settings(Map<String, String> values) {
        return new Settings(ConfigSource.of(values));
    }

    @Test
    void blankValuesCountAsAbsentAndValuesAreTrimmed() {
        Settings settings = settings(Map.of("A", "  ", "B", " x "));

        assertThat(settings.optional("A")).isEmpty();
        assertThat(settings.string("A", "default")).isEqualTo("default");
        assertThat(settings.string("B", "default")).isEqualTo("x");
    }

    @Test
    void aMissingRequiredValueNamesTheVariableAndWhatToSetItTo() {
        assertThatThrownBy(() -> settings(Map.of()).required("DEST_BUCKET", "the output bucket's name"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("DEST_BUCKET is required: set it to the output bucket's name");
    }

    @Test
    void numbersFallBackToTheDefaultAndBadOnesNameTheVariableAndValue() {
        assertThat(settings(Map.of()).integer("N", 25)).isEqualTo(25);
        assertThat(settings(Map.of("N", "7")).integer("N", 25)).isEqualTo(7);

        assertThatThrownBy(() -> settings(Map.of("N", "seven")).integer("N", 25))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("N must be a whole number, e.g. 25, got 'seven'");
    }

    @Test
    void aParserMessageIsKeptInTheConfigurationError() {
        assertThatThrownBy(() -> settings(Map.of("MODE", "merge!")).parsed("MODE", "put", "put or merge", v -> {
                    throw new IllegalArgumentException("choose put or merge");
                }))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("MODE must be put or merge, got 'merge!' (choose put or merge)")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layeredValuesWinOverTheFallback() {
        ConfigSource source =
                ConfigSource.layered(Map.of("A", "override"), ConfigSource.of(Map.of("A", "x", "B", "y")));

        assertThat(source.get("A")).contains("override");
        assertThat(source.get("B")).contains("y");
        assertThat(new Settings(source).source()).isSameAs(source);
    }
}
