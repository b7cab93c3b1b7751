package dev.sluice.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic in-memory benchmark data: a 9-column mixed CSV (numbers around the 4.7 threshold, quoted text with
 * commas and doubled quotes, dates, integers, prices, cities, negative decimals, quoted comments, scores) with about
 * 1% empty cells and LF line ends, of an exact size. Same seed, same bytes.
 */
final class BenchData {
    static final String HEADER = "reading,customer,order_date,quantity,unit_price,city,delta,comment,score\n";
    private static final String[] CUSTOMERS = {
        "\"Smith, John\"",
        "\"O\"\"Brien, Pat\"",
        "Acme Corp",
        "\"Lee, \"\"Sky\"\" Min\"",
        "Zhang Wei",
        "\"Kowalski, Jan\"",
        "\"\"\"The\"\" Company, Ltd\"",
        "Rossi Luca"
    };
    private static final String[] CITIES = {"London", "Paris", "Berlin", "Madrid", "Lisbon", "Oslo", "Tokyo", "Lima"};
    private static final String[] COMMENTS = {
        "\"late delivery, call back\"",
        "\"ok\"",
        "\"box \"\"damaged\"\"\"",
        "\"invoice, copy, paid\"",
        "\"gift\"",
        "\"fragile, north gate\"",
        "\"re-sent\"",
        "\"n/a\""
    };
    private static final int EMPTY_CELL_PER_MILLE = 10;

    private BenchData() {}

    static byte[] generate(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 256).append(HEADER);
        StringBuilder row = new StringBuilder(256);
        while (true) {
            row.setLength(0);
            row(random, row);
            if (sb.length() + row.length() > size - 64) {
                break;
            }
            sb.append(row);
        }
        // A last row padded with spaces in a quoted comment, so the data is exactly `size` bytes.
        String start = "1.5,Acme Corp,2024-01-01,1,1.00,Oslo,0.000,\"";
        String end = "\",0.5\n";
        int padding = size - sb.length() - start.length() - end.length();
        sb.append(start).append(" ".repeat(padding)).append(end);
        byte[] data = sb.toString().getBytes(StandardCharsets.US_ASCII);
        if (data.length != size) {
            throw new IllegalStateException("generated " + data.length + " bytes, wanted " + size);
        }
        return data;
    }

    private static void row(SplittableRandom r, StringBuilder row) {
        cell(r, row, () -> String.valueOf(r.nextInt(0, 1000) / 100.0));
        cell(r, row, () -> CUSTOMERS[r.nextInt(CUSTOMERS.length)]);
        cell(r, row, () -> String.format("2024-%02d-%02d", r.nextInt(1, 13), r.nextInt(1, 29)));
        cell(r, row, () -> String.valueOf(r.nextInt(51)));
        cell(r, row, () -> r.nextInt(1, 100_000) / 100 + "." + String.format("%02d", r.nextInt(100)));
        cell(r, row, () -> CITIES[r.nextInt(CITIES.length)]);
        cell(r, row, () -> String.valueOf((r.nextInt(10_001) - 5_000) / 1000.0));
        cell(r, row, () -> COMMENTS[r.nextInt(COMMENTS.length)]);
        cell(
                r,
                row,
                () -> r.nextInt(10) == 0 ? r.nextInt(1, 9) + "e" + r.nextInt(-3, 4) : String.valueOf(r.nextInt(100)));
        row.setCharAt(row.length() - 1, '\n');
    }

    private static void cell(SplittableRandom r, StringBuilder row, java.util.function.Supplier<String> value) {
        if (r.nextInt(1000) >= EMPTY_CELL_PER_MILLE) {
            row.append(value.get());
        }
        row.append(',');
    }
}
