package dev.sluice.core.csv.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** SIMD-within-a-register helpers: test 8 bytes at once for a given byte value. */
final class Swar {
    static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    static final long QUOTES = 0x2222222222222222L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Swar() {
    }

    /** The 8 bytes at {@code b[i, i + 8)}, first byte in the lowest bits. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * 0x80 in every byte of {@code w} equal to the corresponding byte of {@code pattern}, 0 elsewhere. Exact (no
     * false positives from borrows), so the bits can be counted.
     */
    static long eq(long w, long pattern) {
        long x = w ^ pattern;
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** Index (0-7) of the lowest flagged byte of a non-zero mask. */
    static int firstByte(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    /** Number of ASCII digits at the start of {@code w} (0-8). */
    static int leadingDigits(long w) {
        // A byte is a digit iff neither w + 0x46 nor w - 0x30 sets its high bit; carries and borrows only travel
        // upwards, from the first non-digit on, so the lowest flagged byte is exact.
        long nonDigits = ((w + 0x4646464646464646L) | (w - 0x3030303030303030L)) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /** The value of the first {@code n} (1-8) bytes of {@code w}, which are ASCII digits, first byte most significant. */
    static long parseDigits(long w, int n) {
        long v = (w & 0x0F0F0F0F0F0F0F0FL) << (8 * (8 - n)); // the unused high bytes become leading zeros
        v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
        return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
    }
}
