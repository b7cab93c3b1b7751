package dev.sluice.local.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A deterministic sensor-readings CSV of a given size for the demo: the same seed gives the same bytes. About half of
 * the readings exceed the default threshold; some notes are quoted and contain commas (RFC 4180 quoting).
 */
public final class DemoData {

    public static final String HEADER = "sensor,reading,status,note\n";
    private static final String[] STATUS = {"ok", "ok", "ok", "warn", "fail"};
    private static final String[] NOTE = {"", "", "routine", "\"checked, ok\"", "\"recalibrated, \"\"v2\"\"\""};

    private DemoData() {}

    /** Writes whole rows until at least {@code bytes} bytes; returns the number of data rows. */
    public static long write(OutputStream out, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        out.write(header);
        long written = header.length;
        long rows = 0;
        StringBuilder row = new StringBuilder(64);
        while (written < bytes) {
            row.setLength(0);
            row.append("s-")
                    .append(String.format("%04d", random.nextInt(10_000)))
                    .append(',')
                    .append(random.nextInt(1000) / 100.0)
                    .append(',')
                    .append(STATUS[random.nextInt(STATUS.length)])
                    .append(',')
                    .append(NOTE[random.nextInt(NOTE.length)])
                    .append('\n');
            byte[] line = row.toString().getBytes(StandardCharsets.US_ASCII);
            out.write(line);
            written += line.length;
            rows++;
        }
        return rows;
    }
}
