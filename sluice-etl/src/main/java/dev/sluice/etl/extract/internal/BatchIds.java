package dev.sluice.etl.extract.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Batch ids that sort by time and by sequence: {@code 20261122T031728123Z-000042}, the UTC run time to the
 * millisecond and the batch's sequence number. If the clock is behind the previous batch's time, the previous
 * time plus 1 ms is used, so ids always sort in batch order.
 */
public final class BatchIds {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int TIME_LENGTH = 19;

    private BatchIds() {}

    public static String next(String previous, long sequence, Instant now) {
        Instant time = now.truncatedTo(ChronoUnit.MILLIS);
        if (previous != null) {
            Instant previousTime = Instant.from(TIME.parse(previous.substring(0, TIME_LENGTH)));
            if (!time.isAfter(previousTime)) {
                time = previousTime.plusMillis(1);
            }
        }
        return TIME.format(time) + "-" + String.format("%06d", sequence);
    }
}
