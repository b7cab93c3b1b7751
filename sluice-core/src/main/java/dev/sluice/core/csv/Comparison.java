package dev.sluice.core.csv;

import java.util.Arrays;
import java.util.Locale;

/** How a numeric cell is compared with the threshold: {@code cell OP threshold}. */
public enum Comparison {
    GT,
    GE,
    LT,
    LE,
    EQ,
    NE;

    /** Parses {@code gt}, {@code GE}, ... case-insensitively. */
    public static Comparison parse(String s) {
        if (s != null) {
            for (Comparison c : values()) {
                if (c.name().equalsIgnoreCase(s.strip())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("unknown comparison '" + s + "'; choose one of "
                + Arrays.stream(values()).map(Comparison::token).toList());
    }

    /** True when {@code value OP threshold}; primitive comparisons, so {@code -0.0 == 0.0}. */
    public boolean test(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    /** The lower-case token used on command lines and in {@link FilterRule#describe()}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
