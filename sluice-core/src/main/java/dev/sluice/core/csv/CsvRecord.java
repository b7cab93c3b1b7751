package dev.sluice.core.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** One record from a {@link CsvReader}: its field values (unquoted, UTF-8 decoded) and its original bytes. */
public interface CsvRecord {
    int size();

    /** The value of field {@code i} (0-based). */
    String field(int i);

    List<String> fields();

    /** The 1-based line where the record starts. */
    long line();

    /**
     * Writes the record's original bytes, including its line end (if it has one). Valid only until the reader's next
     * {@link CsvReader#next()} call; later it throws {@link IllegalStateException}.
     */
    void writeRawTo(OutputStream out) throws IOException;
}
