package dev.sluice.core.csv;

/** In strict mode ({@link RaggedRowPolicy#REJECT}), a row has a different number of cells than the header. */
public final class RaggedRowException extends CsvException {
    private final int cells;
    private final int headerCells;

    public RaggedRowException(long line, int cells, int headerCells) {
        super(
                "line " + line + ": row has " + cells + " cells but the header has " + headerCells
                        + " (strict mode rejects ragged rows)",
                line);
        this.cells = cells;
        this.headerCells = headerCells;
    }

    public int cells() {
        return cells;
    }

    public int headerCells() {
        return headerCells;
    }
}
