package dev.sluice.core.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes RFC 4180 CSV in UTF-8. A field is quoted only when it must be (it holds a comma, quote, CR or LF, or starts
 * or ends with a space, or is the empty string) or when asked with {@link #quotedField}; {@code null} is an empty
 * unquoted cell. Lines end with LF by default ({@link LineEnd#CRLF} on request). Output is buffered: call
 * {@link #flush()} at the end. The stream is never closed.
 */
public final class CsvWriter implements java.io.Flushable {
    /** Buffered bytes that trigger a write to the stream at the end of a record. */
    private static final int FLUSH_THRESHOLD = 64 << 10;

    public enum LineEnd {
        LF("\n"),
        CRLF("\r\n");

        private final byte[] bytes;

        LineEnd(String s) {
            this.bytes = s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final OutputStream out;
    private final LineEnd lineEnd;
    private byte[] buffer = new byte[1024];
    private int count;
    private int fieldsInRecord;
    private boolean onlyNullField;

    public CsvWriter(OutputStream out) {
        this(out, LineEnd.LF);
    }

    public CsvWriter(OutputStream out, LineEnd lineEnd) {
        this.out = Objects.requireNonNull(out, "out");
        this.lineEnd = Objects.requireNonNull(lineEnd, "lineEnd");
    }

    /** Appends a field: {@code null} becomes an empty unquoted cell, {@code ""} becomes {@code ""}. */
    public CsvWriter field(String value) {
        startField();
        if (value == null) {
            onlyNullField = fieldsInRecord == 1;
            return this;
        }
        if (needsQuotes(value)) {
            appendQuoted(value);
        } else {
            append(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Appends a field, always quoted ({@code null} still becomes an empty unquoted cell). */
    public CsvWriter quotedField(String value) {
        if (value == null) {
            return field(null);
        }
        startField();
        appendQuoted(value);
        return this;
    }

    /**
     * Ends the record. A record whose only field is {@code null} is written as {@code ""}: an empty line would be
     * read back as a blank line and lost.
     */
    public CsvWriter endRecord() throws IOException {
        if (fieldsInRecord == 0) {
            throw new IllegalStateException("a record needs at least one field");
        }
        if (fieldsInRecord == 1 && onlyNullField) {
            append(new byte[] {'"', '"'});
        }
        append(lineEnd.bytes);
        fieldsInRecord = 0;
        onlyNullField = false;
        if (count >= FLUSH_THRESHOLD) {
            drain();
        }
        return this;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    private void startField() {
        if (fieldsInRecord > 0) {
            append(new byte[] {','});
        }
        fieldsInRecord++;
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    private void appendQuoted(String value) {
        append(('"' + value.replace("\"", "\"\"") + '"').getBytes(StandardCharsets.UTF_8));
    }

    private void append(byte[] bytes) {
        if (count + bytes.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + bytes.length));
        }
        System.arraycopy(bytes, 0, buffer, count, bytes.length);
        count += bytes.length;
    }

    private void drain() throws IOException {
        out.write(buffer, 0, count);
        count = 0;
    }
}
