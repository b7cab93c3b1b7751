package dev.sluice.etl.extract.internal;

import java.time.LocalDateTime;

/**
 * ISO-8601 local date-times with seconds always present and the fraction in groups of three digits, as
 * {@link LocalDateTime#toString()} writes them: {@code 2022-11-03T14:20:52.180}, {@code 2023-01-02T03:04:05},
 * {@code 2023-01-02T03:04:05.123456}. Lossless at any precision, and the seed's millisecond values keep their
 * three digits.
 */
public final class IsoTimestamps {

    private IsoTimestamps() {}

    public static String format(LocalDateTime value) {
        String text = value.toString();
        // toString drops ":00" seconds when both seconds and nanos are zero
        return value.getSecond() == 0 && value.getNano() == 0 ? text + ":00" : text;
    }
}
