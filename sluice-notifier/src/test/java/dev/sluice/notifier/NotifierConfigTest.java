package dev.sluice.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {

    private static final Map<String, String> REQUIRED =
            Map.of("ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-2:1:t", "ALERT_DEDUP_TABLE", "dedup");

    @Test
    void theWindowDefaultsToFifteenMinutes() {
        assertThat(NotifierConfig.fromEnv(REQUIRED).window()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theWindowIsReadInSeconds() {
        var env = new java.util.HashMap<>(REQUIRED);
        env.put("ALERT_WINDOW_SECONDS", "60");
        assertThat(NotifierConfig.fromEnv(env).window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aMissingOrInvalidVariableIsNamed() {
        assertThatThrownBy(() -> NotifierConfig.fromEnv(Map.of("ALERT_DEDUP_TABLE", "d")))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessage("environment variable ALERT_TOPIC_ARN is not set");
        assertThatThrownBy(() -> NotifierConfig.fromEnv(Map.of("ALERT_TOPIC_ARN", "t")))
                .hasMessage("environment variable ALERT_DEDUP_TABLE is not set");
        var env = new java.util.HashMap<>(REQUIRED);
        env.put("ALERT_WINDOW_SECONDS", "soon");
        assertThatThrownBy(() -> NotifierConfig.fromEnv(env))
                .hasMessage("ALERT_WINDOW_SECONDS is not a number: 'soon'");
        env.put("ALERT_WINDOW_SECONDS", "0");
        assertThatThrownBy(() -> NotifierConfig.fromEnv(env))
                .hasMessage("ALERT_WINDOW_SECONDS must be positive, got 0");
    }
}
