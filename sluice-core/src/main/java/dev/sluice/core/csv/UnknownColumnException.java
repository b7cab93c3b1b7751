package dev.sluice.core.csv;

import java.util.List;

/** A configuration error: a selected column is neither a header name nor a 1-based index within the header. */
public final class UnknownColumnException extends CsvException {
    private final String column;
    private final List<String> header;

    public UnknownColumnException(String column, List<String> header, long headerLine) {
        super(
                "unknown column '" + column + "': not a header name nor a 1-based index from 1 to " + header.size()
                        + "; the header (line " + headerLine + ") is " + header,
                headerLine);
        this.column = column;
        this.header = List.copyOf(header);
    }

    public String column() {
        return column;
    }

    public List<String> header() {
        return header;
    }
}
