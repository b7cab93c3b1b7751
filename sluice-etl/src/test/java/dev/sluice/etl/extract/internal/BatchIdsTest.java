package dev.sluice.etl.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class BatchIdsTest {

    @Test
    void idIsTheUtcTimeToTheMillisecondAndTheSequence() {
        assertThat(BatchIds.next(null, 1, Instant.parse("2026-11-22T03:17:28.123456Z")))
                .isEqualTo("20261122T031728123Z-000001");
    }

    @Test
    void idsSortInBatchOrderEvenWhenTheClockGoesBack() {
        String first = BatchIds.next(null, 7, Instant.parse("2026-11-22T03:17:28.123Z"));
        String second = BatchIds.next(first, 8, Instant.parse("2026-11-22T03:00:00Z"));
        String third = BatchIds.next(second, 9, Instant.parse("2026-11-22T03:17:28.124Z"));
        assertThat(second).isEqualTo("20261122T031728124Z-000008");
        assertThat(third).isEqualTo("20261122T031728125Z-000009");
        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(third);
    }

    @Test
    void isoTimestampsKeepSecondsAndEveryFractionalDigit() {
        assertThat(IsoTimestamps.format(LocalDateTime.parse("2022-11-03T14:20:00")))
                .isEqualTo("2022-11-03T14:20:00");
        assertThat(IsoTimestamps.format(LocalDateTime.parse("2022-11-03T14:20:52.18")))
                .isEqualTo("2022-11-03T14:20:52.180");
        assertThat(IsoTimestamps.format(LocalDateTime.parse("2022-11-03T14:20:52.000001")))
                .isEqualTo("2022-11-03T14:20:52.000001");
    }
}
