package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.UnsupportedEncodingCsvException;

/**
 * Refuses input that is not UTF-8 before it is read as junk: with UTF-16, every byte pair of a digit holds a NUL, so no
 * cell is numeric and every row would be dropped with a header-only "success". Two checks, both outside the hot
 * loop: the first bytes against the byte order marks of other encodings (once per input), and the header record
 * for NUL bytes (UTF-16/32 without a byte order mark; a NUL never belongs in a CSV header).
 */
public final class Encodings {
    /** Byte order marks of encodings other than UTF-8; longer marks first (UTF-32LE starts like UTF-16LE). */
    private static final Bom[] FOREIGN_BOMS = {
        new Bom("UTF-32LE", 0xFF, 0xFE, 0x00, 0x00),
        new Bom("UTF-32BE", 0x00, 0x00, 0xFE, 0xFF),
        new Bom("UTF-16LE", 0xFF, 0xFE),
        new Bom("UTF-16BE", 0xFE, 0xFF),
        new Bom("GB18030", 0x84, 0x31, 0x95, 0x33),
        new Bom("UTF-EBCDIC", 0xDD, 0x73, 0x66, 0x73),
        new Bom("UTF-7", 0x2B, 0x2F, 0x76),
        new Bom("UTF-1", 0xF7, 0x64, 0x4C),
        new Bom("SCSU", 0x0E, 0xFE, 0xFF),
        new Bom("BOCU-1", 0xFB, 0xEE, 0x28),
    };

    /** The longest mark above: the input's first fill must hold this many bytes (if the input has them). */
    static final int LONGEST_BOM = 4;

    private static final class Bom {
        private final String encoding;
        private final int[] bytes;

        Bom(String encoding, int... bytes) {
            this.encoding = encoding;
            this.bytes = bytes;
        }

        boolean at(byte[] b, int from, int limit) {
            if (limit - from < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if ((b[from + i] & 0xFF) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private Encodings() {}

    /** Throws when {@code b[from, limit)}, the start of the input, begins with another encoding's byte order mark. */
    static void rejectForeignBom(byte[] b, int from, int limit) {
        for (Bom bom : FOREIGN_BOMS) {
            if (bom.at(b, from, limit)) {
                throw new UnsupportedEncodingCsvException(
                        bom.encoding, "it starts with a " + bom.encoding + " byte order mark", 1);
            }
        }
    }

    /** Throws when the header record {@code b[start, end)} (at {@code line}) holds a NUL byte. */
    public static void rejectNulInHeader(byte[] b, int start, int end, long line) {
        for (int i = start; i < end; i++) {
            if (b[i] == 0) {
                String encoding = guessWide(b, start, end);
                throw new UnsupportedEncodingCsvException(encoding, "its header holds NUL bytes", line);
            }
        }
    }

    /** UTF-16LE when the NULs are mostly at odd offsets (ASCII text), UTF-16BE at even ones; else a general name. */
    private static String guessWide(byte[] b, int start, int end) {
        int even = 0;
        int odd = 0;
        for (int i = start; i < end; i++) {
            if (b[i] == 0) {
                if (((i - start) & 1) == 0) {
                    even++;
                } else {
                    odd++;
                }
            }
        }
        int pairs = (end - start) / 2;
        if (odd * 4 >= pairs * 3 && even * 4 >= pairs * 3) {
            return "UTF-32 (without a byte order mark)";
        }
        if (odd * 4 >= pairs * 3) {
            return "UTF-16LE (without a byte order mark)";
        }
        if (even * 4 >= pairs * 3) {
            return "UTF-16BE (without a byte order mark)";
        }
        return "UTF-16 or UTF-32 (without a byte order mark)";
    }
}
