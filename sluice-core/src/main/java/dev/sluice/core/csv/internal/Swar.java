package dev.sluice.core.csv.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** SIMD-within-a-register helpers: test 8 bytes at once for a given byte value. */
final class Swar {
    static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    static final long QUOTES = 0x2222222222222222L;
    /** The bit {@link #eq} sets in each matching byte. */
    static final long HIGH_BITS = 0x8080808080808080L;

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Swar() {}

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

    /** The low 7 bits of every byte of {@code w}: with {@link #ascii}, the shared part of several {@link #eq} tests. */
    static long low7(long w) {
        return w & LOW7;
    }

    /** {@link #HIGH_BITS} in every byte of {@code w} that is ASCII (below 0x80). */
    static long ascii(long w) {
        return ~w & HIGH_BITS;
    }

    /**
     * {@link #eq} for an ASCII {@code pattern}, given {@code low7(w)} and {@code ascii(w)}: three operations per
     * pattern instead of six. A byte's low 7 bits XOR the pattern's are zero exactly when adding 0x7F leaves the
     * byte's high bit clear (no carry leaves the byte), and a non-ASCII byte never equals an ASCII pattern.
     */
    static long eq(long low7, long ascii, long pattern) {
        return ascii & ~((low7 ^ pattern) + LOW7);
    }

    /**
     * For an {@link #eq} mask, the high bit of every byte is set when that byte and the ones before it hold an odd
     * number of flagged bytes; the other bits are junk (callers mask them off with {@link #eq} masks). The multiply
     * sums the flags of bytes 0..k into byte k (at most 8, so no carry between bytes); the sum's low bit is the
     * parity.
     */
    static long prefixParity(long mask) {
        return ((mask >>> 7) * 0x0101010101010101L) << 7;
    }

    /** Index (0-7) of the lowest flagged byte of a non-zero mask. */
    static int firstByte(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }
}
