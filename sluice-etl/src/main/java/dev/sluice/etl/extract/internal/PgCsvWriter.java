package dev.sluice.etl.extract.internal;

import java.io.BufferedWriter;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 CSV in PostgreSQL's CSV conventions ({@code COPY ... (FORMAT csv)}): NULL is an empty unquoted
 * cell, an empty string is {@code ""}, a field is quoted when it holds a comma, quote, CR or LF, starts or ends
 * with a space, or is exactly {@code \.} (which COPY would read as end of data). UTF-8, LF line ends.
 */
public final class PgCsvWriter implements Flushable {

    private final Writer out;
    private boolean firstField = true;

    public PgCsvWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    public PgCsvWriter field(String value) throws IOException {
        if (!firstField) {
            out.write(',');
        }
        firstField = false;
        if (value == null) {
            return this;
        }
        if (needsQuotes(value)) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(value);
        }
        return this;
    }

    public void endRecord() throws IOException {
        out.write('\n');
        firstField = true;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty() || value.equals("\\.")) {
            return true;
        }
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
