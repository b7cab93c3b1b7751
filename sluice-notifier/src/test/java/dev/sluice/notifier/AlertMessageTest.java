package dev.sluice.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertMessageTest {

    private static final LogBatch BATCH = new LogBatch("DATA_MESSAGE", "/aws/lambda/f", "s", List.of());

    @Test
    void theSubjectStaysWithinSnsLimitsWhateverTheFunctionAndErrorAreCalled() {
        ErrorLine error =
                new ErrorLine("f".repeat(80), "Type\nWith ünïcode", "k", Optional.empty(), "m", "", Instant.EPOCH, "r");
        String subject = AlertMessage.of(error, BATCH, 0, null).subject();
        assertThat(subject)
                .hasSize(AlertMessage.MAX_SUBJECT_CHARS)
                .endsWith("...")
                .matches("[ -~]+");
    }

    @Test
    void aHugeMessageIsTruncatedInTheBody() {
        ErrorLine error = new ErrorLine("f", "T", "k", Optional.empty(), "x".repeat(10_000), "", Instant.EPOCH, "r");
        assertThat(AlertMessage.of(error, BATCH, 0, null).body())
                .contains("x".repeat(AlertMessage.MAX_FIELD_CHARS) + " [truncated]")
                .doesNotContain("x".repeat(AlertMessage.MAX_FIELD_CHARS + 1));
    }

    @Test
    void infoLinesAndForeignTextAreNotErrors() {
        LogBatch.Event info = new LogBatch.Event("1", Instant.EPOCH, "{\"level\":\"INFO\",\"message\":\"ok\"}");
        LogBatch.Event text = new LogBatch.Event("2", Instant.EPOCH, "START RequestId: abc Version: $LATEST");
        LogBatch.Event broken = new LogBatch.Event("3", Instant.EPOCH, "{\"level\":");
        assertThat(ErrorLine.parse(BATCH, info)).isEmpty();
        assertThat(ErrorLine.parse(BATCH, text)).isEmpty();
        assertThat(ErrorLine.parse(BATCH, broken)).isEmpty();
    }

    @Test
    void anExceptionLoggedWithoutReasonFieldsIsNamedByItsClass() {
        LogBatch.Event line = new LogBatch.Event(
                "1",
                Instant.parse("2026-12-06T00:00:00Z"),
                "{\"level\":\"ERROR\",\"message\":\"boom\",\"error\":{\"name\":\"java.io.IOException\","
                        + "\"message\":\"disk full\"},\"messageId\":\"m-1\"}");
        ErrorLine error = ErrorLine.parse(BATCH, line).orElseThrow();
        assertThat(error.function()).isEqualTo("f");
        assertThat(error.errorType()).isEqualTo("java.io.IOException");
        assertThat(error.errorMessage()).isEqualTo("disk full");
        assertThat(error.subject()).isEqualTo("SQS message m-1");
        assertThat(error.time()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
    }
}
