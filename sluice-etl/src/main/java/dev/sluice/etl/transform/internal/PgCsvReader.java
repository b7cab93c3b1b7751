package dev.sluice.etl.transform.internal;

import dev.sluice.core.csv.CsvReader;
import dev.sluice.core.csv.CsvRecord;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV in PostgreSQL's conventions (the extract's output): an empty unquoted cell is NULL, {@code ""} is the
 * empty string. The core reader unquotes, so for a record holding an empty value this class looks at the record's
 * raw bytes to tell the two apart (rare: only such records pay for it).
 */
public final class PgCsvReader implements Closeable {

    private final CsvReader reader;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final List<String> header;

    public PgCsvReader(InputStream in) throws IOException {
        this.reader = CsvReader.of(in);
        CsvRecord first = reader.next();
        this.header = first == null ? List.of() : List.copyOf(first.fields());
    }

    public List<String> header() {
        return header;
    }

    /** The next record's values (null for NULL), or null at the end. */
    public List<String> next() throws IOException {
        CsvRecord record = reader.next();
        if (record == null) {
            return null;
        }
        if (record.size() != header.size()) {
            throw new IOException(
                    "line " + record.line() + ": " + record.size() + " fields, header has " + header.size());
        }
        List<String> values = new ArrayList<>(record.fields());
        if (values.contains("")) {
            raw.reset();
            record.writeRawTo(raw);
            boolean[] quoted = quotedFields(raw.toByteArray(), values.size());
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).isEmpty() && !quoted[i]) {
                    values.set(i, null);
                }
            }
        }
        return values;
    }

    /** Which fields of one raw RFC 4180 record start with a quote. */
    static boolean[] quotedFields(byte[] record, int fields) {
        boolean[] quoted = new boolean[fields];
        int field = 0;
        boolean atStart = true;
        boolean inQuotes = false;
        for (int i = 0; i < record.length && field < fields; i++) {
            byte b = record[i];
            if (atStart) {
                atStart = false;
                if (b == '"') {
                    quoted[field] = true;
                    inQuotes = true;
                    continue;
                }
            }
            if (inQuotes) {
                if (b == '"') {
                    if (i + 1 < record.length && record[i + 1] == '"') {
                        i++;
                    } else {
                        inQuotes = false;
                    }
                }
            } else if (b == ',') {
                field++;
                atStart = true;
            }
        }
        return quoted;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
