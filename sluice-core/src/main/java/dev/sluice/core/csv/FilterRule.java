package dev.sluice.core.csv;

import java.util.Objects;

/**
 * The row filter: keep a data row when its selected numeric cells compare with {@code threshold} as {@code op} says
 * ({@code match} = any or all selected cells). Cells that are not numeric never match.
 */
public record FilterRule(
        double threshold, Comparison op, ColumnSelection columns, MatchMode match, RaggedRowPolicy ragged) {

    /** The seed systems' threshold. */
    public static final double DEFAULT_THRESHOLD = 4.7;

    public FilterRule {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must be a number, not NaN");
        }
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(ragged, "ragged");
    }

    /** {@code gt 4.7}, every column, any match, ragged rows tolerated. */
    public static FilterRule defaults() {
        return new FilterRule(
                DEFAULT_THRESHOLD, Comparison.GT, ColumnSelection.ALL, MatchMode.ANY, RaggedRowPolicy.TOLERATE);
    }

    public FilterRule withThreshold(double t) {
        return new FilterRule(t, op, columns, match, ragged);
    }

    public FilterRule withOp(Comparison o) {
        return new FilterRule(threshold, o, columns, match, ragged);
    }

    public FilterRule withColumns(ColumnSelection c) {
        return new FilterRule(threshold, op, c, match, ragged);
    }

    public FilterRule withMatch(MatchMode m) {
        return new FilterRule(threshold, op, columns, m, ragged);
    }

    public FilterRule withRagged(RaggedRowPolicy r) {
        return new FilterRule(threshold, op, columns, match, r);
    }

    /** A short human-readable form, e.g. {@code gt 4.7 columns=* match=any} (plus {@code strict} in REJECT mode). */
    public String describe() {
        String t = Double.toString(threshold);
        if (t.endsWith(".0")) {
            t = t.substring(0, t.length() - 2);
        }
        return op.token() + " " + t + " columns=" + columns + " match=" + match.token()
                + (ragged == RaggedRowPolicy.REJECT ? " strict" : "");
    }
}
