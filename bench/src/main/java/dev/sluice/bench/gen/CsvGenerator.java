package dev.sluice.bench.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic generator of a 9-column mixed CSV file for benchmarks: the same seed and size give the same bytes on
 * every JVM (the random source is SplitMix64, written out here, not a JDK class whose algorithm could change).
 *
 * <p>Columns: {@code reading} (mixed numbers: decimals around the 4.7 threshold, integers, negatives, scientific
 * notation, leading zeros, quoted numbers, a few non-numeric tokens), {@code customer} (quoted text with commas and
 * doubled quotes), {@code order_date}, {@code quantity}, {@code unit_price}, {@code city}, {@code delta},
 * {@code comment} (quoted free text, rarely with an embedded line break) and {@code score}. About 1% of cells are empty.
 * Rows end with LF. The file is written whole rows at a time and never exceeds the requested size.
 *
 * <p>Usage: {@code CsvGenerator --size 200MB [--seed 42] OUT} (sizes: B, KB, MB, GB = powers of 1000; KiB, MiB, GiB =
 * powers of 1024). The file is written to a temporary sibling and renamed, so an interrupted run leaves no partial file.
 */
public final class CsvGenerator {

    static final String HEADER = "reading,customer,order_date,quantity,unit_price,city,delta,comment,score\n";
    static final long DEFAULT_SEED = 42;

    private static final int BUFFER_BYTES = 1 << 20;
    private static final int MAX_ROW_BYTES = 512; // longest row the pools below can produce, with margin
    private static final int EMPTY_CELL_PER_MILLE = 10; // ~1% empty cells

    private static final byte[][] CUSTOMERS = csvQuoted(
            "Smith, John",
            "O\"Brien, Pat",
            "Acme Corp",
            "Müller, Jürgen",
            "Lee, \"Sky\" Min",
            "Ødegaard AS",
            "Nakamura, Aiko",
            "Dupont & Fils",
            "García, María José",
            "Brown, \"Bobby\" Jr.",
            "Zhang Wei",
            "Kowalski, Jan",
            "\"The\" Company, Ltd",
            "Rossi, Luca",
            "Ivanova, Anna",
            "Smith & Wesson, Inc.");
    private static final byte[][] CITIES = plain(
            "London", "Paris", "Berlin", "Madrid", "Lisbon", "Oslo", "Tokyo", "Lima", "Austin", "Cairo", "Sydney",
            "Toronto", "Dublin", "Prague", "Vienna", "Seoul");
    private static final String[] WORDS = {
        "late",
        "delivery",
        "ok",
        "refund",
        "box",
        "damaged",
        "\"urgent\"",
        "call back",
        "paid",
        "invoice, copy",
        "gift",
        "fragile",
        "north gate",
        "4.7",
        "n/a",
        "re-sent"
    };
    private static final byte[][] NON_NUMERIC = plain("n/a", "NaN", "1a", "-", "inf", "5%", "$5", "0x10");

    private final SplitMix64 random;
    private final byte[] row = new byte[MAX_ROW_BYTES];
    private int pos;

    CsvGenerator(long seed) {
        this.random = new SplitMix64(seed);
    }

    public static void main(String[] args) {
        PrintStream err = System.err;
        try {
            Options options = Options.parse(args);
            long start = System.nanoTime();
            long written = generate(options.out(), options.sizeBytes(), options.seed());
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf(
                    Locale.ROOT,
                    "wrote %s: %,d bytes in %.2f s (%.0f MB/s)%n",
                    options.out(),
                    written,
                    seconds,
                    written / 1e6 / seconds);
        } catch (IllegalArgumentException e) {
            err.println("csv-generator: " + e.getMessage());
            err.println(Options.USAGE);
            System.exit(2);
        } catch (IOException e) {
            err.println("csv-generator: " + e);
            System.exit(1);
        }
    }

    /** Writes the file atomically (temp sibling, then rename); returns its size in bytes. */
    public static long generate(Path out, long sizeBytes, long seed) throws IOException {
        Path absolute = out.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file 0600; the data file should get the usual umask permissions.
        Path tmp = dir.resolve(
                "." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            long written = new CsvGenerator(seed).writeTo(Channels.newOutputStream(channel), sizeBytes);
            channel.force(false);
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the header and whole rows while they fit in {@code sizeBytes}; returns the bytes written. */
    long writeTo(OutputStream out, long sizeBytes) throws IOException {
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        if (sizeBytes < header.length) {
            throw new IllegalArgumentException(
                    "size " + sizeBytes + " B is smaller than the header (" + header.length + " B)");
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        System.arraycopy(header, 0, buffer, 0, header.length);
        int filled = header.length;
        long total = header.length;
        while (true) {
            int length = nextRow();
            if (total + length > sizeBytes) {
                break;
            }
            if (filled + length > buffer.length) {
                out.write(buffer, 0, filled);
                filled = 0;
            }
            System.arraycopy(row, 0, buffer, filled, length);
            filled += length;
            total += length;
        }
        out.write(buffer, 0, filled);
        out.flush();
        return total;
    }

    /** Builds the next row (with its LF) in {@link #row}; returns its length. */
    int nextRow() {
        pos = 0;
        if (present()) {
            reading();
        }
        comma();
        if (present()) {
            put(CUSTOMERS[random.nextInt(CUSTOMERS.length)]);
        }
        comma();
        if (present()) {
            date();
        }
        comma();
        if (present()) {
            putLong(random.nextInt(51));
        }
        comma();
        if (present()) {
            unitPrice();
        }
        comma();
        if (present()) {
            put(CITIES[random.nextInt(CITIES.length)]);
        }
        comma();
        if (present()) {
            decimal(random.nextInt(10_001) - 5_000, 3);
        }
        comma();
        if (present()) {
            comment();
        }
        comma();
        if (present()) {
            decimal(random.nextInt(501), 2);
        }
        row[pos++] = '\n';
        return pos;
    }

    /** False for ~1% of cells, which are left empty. */
    private boolean present() {
        return random.nextInt(1000) >= EMPTY_CELL_PER_MILLE;
    }

    /** The first column: the seed's filter column, with every number shape the engine must handle. */
    private void reading() {
        int kind = random.nextInt(100);
        if (kind < 55) {
            int decimals = 1 + random.nextInt(3);
            decimal(random.nextInt(20 * pow10(decimals) + 1) - 10 * pow10(decimals), decimals); // [-10, 10]
        } else if (kind < 70) {
            putLong(random.nextInt(41) - 20);
        } else if (kind < 76) {
            scientific();
        } else if (kind < 80) {
            put(random.nextBoolean() ? "4.7" : "4.70");
        } else if (kind < 84) {
            row[pos++] = '"';
            decimal(random.nextInt(1001), 2);
            row[pos++] = '"';
        } else if (kind < 88) {
            put("0");
            putLong(random.nextInt(10)); // leading zero, e.g. 09.1
            put(".");
            putLong(random.nextInt(10));
        } else if (kind < 91) {
            put(NON_NUMERIC[random.nextInt(NON_NUMERIC.length)]);
        } else {
            decimal(random.nextInt(1_000_000), 2); // up to 9999.99
        }
    }

    private void scientific() {
        decimal(100 + random.nextInt(900), 2); // 1.00 .. 9.99
        row[pos++] = (byte) (random.nextBoolean() ? 'e' : 'E');
        int exponent = random.nextInt(7) - 3;
        if (exponent < 0) {
            row[pos++] = '-';
        } else if (random.nextBoolean()) {
            row[pos++] = '+';
        }
        putLong(Math.abs(exponent));
    }

    private void unitPrice() {
        if (random.nextInt(50) == 0) {
            scientific();
        } else {
            decimal(1 + random.nextInt(99_999), 2); // 0.01 .. 999.99
        }
    }

    private void date() {
        putLong(2020 + random.nextInt(6));
        row[pos++] = '-';
        twoDigits(1 + random.nextInt(12));
        row[pos++] = '-';
        twoDigits(1 + random.nextInt(28));
    }

    /** Quoted free text of 1-8 words; quotes doubled; 1 in 500 has an embedded line break. */
    private void comment() {
        row[pos++] = '"';
        int words = 1 + random.nextInt(8);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                row[pos++] = (byte) (random.nextInt(500) == 0 ? '\n' : ' ');
            }
            String word = WORDS[random.nextInt(WORDS.length)];
            for (int c = 0; c < word.length(); c++) {
                char ch = word.charAt(c);
                if (ch == '"') {
                    row[pos++] = '"';
                }
                row[pos++] = (byte) ch;
            }
        }
        row[pos++] = '"';
    }

    /** Writes {@code scaled / 10^decimals} with exactly {@code decimals} digits after the point. */
    private void decimal(long scaled, int decimals) {
        if (scaled < 0) {
            row[pos++] = '-';
            scaled = -scaled;
        }
        long unit = pow10(decimals);
        putLong(scaled / unit);
        row[pos++] = '.';
        long fraction = scaled % unit;
        for (long d = unit / 10; d > 0; d /= 10) {
            row[pos++] = (byte) ('0' + (fraction / d) % 10);
        }
    }

    private void twoDigits(int value) {
        row[pos++] = (byte) ('0' + value / 10);
        row[pos++] = (byte) ('0' + value % 10);
    }

    private void putLong(long value) {
        if (value < 0) {
            row[pos++] = '-';
            value = -value;
        }
        int start = pos;
        do {
            row[pos++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = row[i];
            row[i] = row[j];
            row[j] = t;
        }
    }

    private void comma() {
        row[pos++] = ',';
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, row, pos, bytes.length);
        pos += bytes.length;
    }

    private void put(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            row[pos++] = (byte) ascii.charAt(i);
        }
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static byte[][] csvQuoted(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = ("\"" + values[i].replace("\"", "\"\"") + "\"").getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static byte[][] plain(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed here so output never depends on the JDK. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound) by multiply-high (Lemire); the tiny bias is irrelevant for test data. */
        int nextInt(int bound) {
            return (int) Math.multiplyHigh(nextLong() >>> 1, (long) bound << 1);
        }

        boolean nextBoolean() {
            return nextLong() < 0;
        }
    }

    /** Command-line options; a bad value is an {@link IllegalArgumentException} naming it. */
    record Options(long sizeBytes, long seed, Path out) {
        static final String USAGE =
                "usage: CsvGenerator --size SIZE [--seed N] OUT   (SIZE e.g. 200MB, 1GB, 512KiB; seed default "
                        + DEFAULT_SEED + ")";
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);

        static Options parse(String... args) {
            Long size = null;
            long seed = DEFAULT_SEED;
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--size" -> size = parseSize(value(args, ++i, "--size"));
                    case "--seed" -> seed = parseSeed(value(args, ++i, "--seed"));
                    default -> {
                        if (args[i].startsWith("--") || out != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        out = Path.of(args[i]);
                    }
                }
            }
            if (size == null || out == null) {
                throw new IllegalArgumentException(size == null ? "--size is required" : "OUT is required");
            }
            return new Options(size, seed, out);
        }

        static long parseSize(String text) {
            Matcher m = SIZE.matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("bad --size '" + text + "' (expected e.g. 200MB, 1GB, 64KiB)");
            }
            String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
            long multiplier = switch (unit) {
                case "KB" -> 1_000L;
                case "MB" -> 1_000_000L;
                case "GB" -> 1_000_000_000L;
                case "KIB" -> 1L << 10;
                case "MIB" -> 1L << 20;
                case "GIB" -> 1L << 30;
                default -> 1L;
            };
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        }

        private static long parseSeed(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad --seed '" + text + "' (expected an integer)");
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
