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
}
