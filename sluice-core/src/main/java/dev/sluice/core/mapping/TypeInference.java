package dev.sluice.core.mapping;

import java.util.Locale;

/** How cell text becomes a typed value. */
public enum TypeInference {
    /** Numbers, booleans and strings by the rules of {@link CellTypes#infer}. */
    AUTO,
    /** Every non-empty cell is a string (the seed's behaviour). */
    STRINGS;

    /** {@code auto} or {@code strings}, case-insensitive. */
    public static TypeInference parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown type inference '" + s + "': choose auto or strings");
        }
    }
}
