package dev.sluice.core.csv;

/** What to do with a row whose cell count differs from the header's. */
public enum RaggedRowPolicy {
    /** Evaluate the cells the row has and count it in {@link FilterSummary#raggedRows()}. */
    TOLERATE,
    /** Stop at the first ragged row with a {@link RaggedRowException} ({@code --strict}). */
    REJECT
}
