package dev.sluice.core.csv;

import dev.sluice.core.csv.internal.Numbers;
import java.util.OptionalDouble;

/**
 * The numeric grammar every part of Sluice shares (filter, DynamoDB type inference, profiles): after trimming spaces
 * and tabs, {@code [+-]?(digits[.digits*]|.digits)([eE][+-]?digits)?} with ASCII digits only. {@code NaN},
 * {@code inf}, {@code 0x10}, {@code 1,000}, {@code $5}, {@code 5%} and empty cells are not numeric. The value is
 * exactly {@link Double#parseDouble}'s.
 */
public final class CsvNumbers {
    private CsvNumbers() {}

    public static boolean isNumeric(CharSequence cell) {
        return !Double.isNaN(value(cell));
    }

    public static OptionalDouble parse(CharSequence cell) {
        double v = value(cell);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static double value(CharSequence cell) {
        int n = cell.length();
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            if (c > 0x7f) {
                return Double.NaN; // the grammar is ASCII only
            }
            ascii[i] = (byte) c;
        }
        return Numbers.parse(ascii, 0, n);
    }
}
