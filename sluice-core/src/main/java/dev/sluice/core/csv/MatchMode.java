package dev.sluice.core.csv;

import java.util.Arrays;
import java.util.Locale;

/** Whether a row is kept when any selected cell matches, or only when all of them exist and match. */
public enum MatchMode {
    ANY,
    ALL;

    /** Parses {@code any} / {@code all} case-insensitively. */
    public static MatchMode parse(String s) {
        if (s != null) {
            for (MatchMode m : values()) {
                if (m.name().equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown match mode '" + s + "'; choose one of "
                + Arrays.stream(values()).map(MatchMode::token).toList());
    }

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
