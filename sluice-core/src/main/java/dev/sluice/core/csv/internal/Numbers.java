package dev.sluice.core.csv.internal;

import java.nio.charset.StandardCharsets;

/**
 * The numeric cell grammar on bytes: after trimming spaces and tabs,
 * {@code [+-]?(digits[.digits*]|.digits)([eE][+-]?digits)?} with ASCII digits. The value is exactly what
 * {@link Double#parseDouble} gives; a fast path computes it without a String when that is provably exact.
 */
public final class Numbers {
    /** Mantissas below 2^53 are exact doubles. */
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** 10^0..10^22 are exact doubles; beyond that a power of ten is itself rounded. */
    private static final int MAX_EXACT_POWER = 22;
    /** Up to 18 digits always fit in a long without overflow. */
    private static final int MAX_LONG_DIGITS = 18;

    private static final double[] POWERS_OF_TEN = new double[MAX_EXACT_POWER + 1];

    static {
        double p = 1;
        for (int i = 0; i <= MAX_EXACT_POWER; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Numbers() {}

    /** The value of {@code b[start, end)} as a numeric cell, or NaN when it is not numeric (NaN never is). */
    public static double parse(byte[] b, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && isBlank(b[s])) {
            s++;
        }
        while (e > s && isBlank(b[e - 1])) {
            e--;
        }
        if (s == e) {
            return Double.NaN;
        }
        int i = s;
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int intStart = i;
        while (i < e && isDigit(b[i])) {
            mantissa = mantissa * 10 + (b[i] - '0');
            i++;
        }
        int digits = i - intStart;
        int fractionDigits = 0;
        if (i < e && b[i] == '.') {
            i++;
            int fracStart = i;
            while (i < e && isDigit(b[i])) {
                mantissa = mantissa * 10 + (b[i] - '0');
                i++;
            }
            fractionDigits = i - fracStart;
            digits += fractionDigits;
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int expStart = i;
            while (i < e && isDigit(b[i])) {
                // Saturate: anything this large is decided by Double.parseDouble below.
                exponent = Math.min(exponent * 10 + (b[i] - '0'), 100_000);
                i++;
            }
            if (i == expStart) {
                return Double.NaN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != e) {
            return Double.NaN;
        }
        int power = exponent - fractionDigits;
        if (isExact(digits, mantissa, Math.abs(power))) {
            double v = power < 0 ? exactQuotient(mantissa, -power) : mantissa * POWERS_OF_TEN[power];
            return negative ? -v : v;
        }
        return Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
    }

    /**
     * True when {@code digits} decimal digits giving {@code mantissa}, scaled by 10^±{@code power}, can be computed
     * exactly by one IEEE operation: the mantissa and the power of ten are then both exact doubles, so the product or
     * quotient is correctly rounded and equals {@link Double#parseDouble} (Clinger's fast path).
     */
    static boolean isExact(int digits, long mantissa, int power) {
        return digits > 0 && digits <= MAX_LONG_DIGITS && mantissa < MAX_EXACT_MANTISSA && power <= MAX_EXACT_POWER;
    }

    /** {@code mantissa / 10^decimals}, correctly rounded when {@link #isExact} holds. */
    static double exactQuotient(long mantissa, int decimals) {
        return mantissa / POWERS_OF_TEN[decimals];
    }

    /** The value of a quoted and/or partly quoted cell's raw bytes {@code b[start, end)} after unquoting. */
    public static double parseRaw(byte[] b, int start, int end) {
        byte[] value = Unquote.value(b, start, end);
        return parse(value, 0, value.length);
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
