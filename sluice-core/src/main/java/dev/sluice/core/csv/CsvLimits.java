package dev.sluice.core.csv;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The maximum record size: the longest record (a row with its line end, quoted line breaks included) that the filter
 * and the reader hold in memory. Memory stays bounded whatever the input: a longer record fails the run with a
 * {@link RecordTooLongException} naming its line, instead of an {@link OutOfMemoryError}.
 */
public final class CsvLimits {
    /**
     * 16 MiB: far above any real row, and small enough that the buffers (the record at most twice while it grows)
     * fit in the CLI's 128 MiB heap and a 512 MB Lambda next to everything else.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 << 20;
    /** The smallest limit accepted as a setting (smaller is surely a typo: 16 would refuse every real file). */
    public static final int MIN_MAX_RECORD_BYTES = 1 << 10;
    /** The largest limit accepted as a setting: a Java array holds at most 2 GiB, and the buffer needs slack. */
    public static final int MAX_MAX_RECORD_BYTES = 1 << 30;

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,10})\\s*(|b|k|kib|m|mib|g|gib)");

    private CsvLimits() {}

    /**
     * Parses a size setting: a whole number of bytes, optionally followed by a binary unit, {@code K}/{@code KiB},
     * {@code M}/{@code MiB} or {@code G}/{@code GiB} (case-insensitive), between {@link #MIN_MAX_RECORD_BYTES} and
     * {@link #MAX_MAX_RECORD_BYTES}.
     *
     * @throws IllegalArgumentException with a message saying what is expected
     */
    public static int parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size (expected bytes or a number with K, M or G, e.g. 16M or 16MiB)");
        }
        long multiplier = switch (m.group(2)) {
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            default -> 1L;
        };
        long bytes = Long.parseLong(m.group(1)) * multiplier;
        if (bytes < MIN_MAX_RECORD_BYTES || bytes > MAX_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("'" + text + "' is out of range (" + describe(MIN_MAX_RECORD_BYTES)
                    + " to " + describe(MAX_MAX_RECORD_BYTES) + ")");
        }
        return (int) bytes;
    }

    /** {@code 16 MiB (16777216 bytes)}, or just the bytes when not a whole number of KiB. */
    public static String describe(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        if (bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }
}
