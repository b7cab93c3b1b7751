package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.MalformedCsvException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one record in a buffer into fields (general path: header, {@code CsvReader}). The grammar, shared with the
 * filter's fast path: fields are separated by commas; a record ends at LF or CRLF outside quotes, or at the end of
 * the input; a field whose first byte is a quote runs to the closing quote, with {@code ""} for a quote and commas,
 * CR and LF as data; bytes after the closing quote are kept literally; a quote inside an unquoted field is data.
 * Outside quotes, a CR not followed by LF (old Mac line ends) also ends a record, as in most RFC 4180 readers: a
 * file may mix CR, LF and CRLF, and each ends a row.
 */
public final class RecordTokenizer {
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int linesInside;

    /**
     * Tokenizes the record starting at {@code p} (not a blank line).
     *
     * @return the index after the record's line end ({@code limit} for a last line without one), or -1 when the
     *         record does not end within {@code b[p, limit)} and more input is needed (at end of input: a quote open)
     */
    public int tokenize(byte[] b, int p, int limit, boolean eof) {
        count = 0;
        linesInside = 0;
        int s = p;
        while (true) {
            int tail = s; // where unquoted bytes of the field start
            if (s < limit && b[s] == '"') {
                int close = closingQuote(b, s + 1, limit, eof);
                if (close < 0) {
                    return -1;
                }
                tail = close + 1;
            }
            int j = tail;
            while (j < limit && b[j] != ',' && b[j] != '\n' && b[j] != '\r') {
                j++;
            }
            if (j == limit) {
                if (!eof) {
                    return -1;
                }
                add(s, j);
                return limit;
            }
            if (b[j] == ',') {
                add(s, j);
                s = j + 1;
                continue;
            }
            int end = lineEnd(b, j, limit, eof);
            if (end < 0) {
                return -1;
            }
            add(s, j);
            return end;
        }
    }

    /**
     * The index after the line end whose first byte (CR or LF) is at {@code j}: a CRLF pair is one line end. Returns -1
     * when a CR is the last buffered byte before the end of the input (the next byte decides).
     */
    public static int lineEnd(byte[] b, int j, int limit, boolean eof) {
        if (b[j] == '\n') {
            return j + 1;
        }
        if (j + 1 < limit) {
            return b[j + 1] == '\n' ? j + 2 : j + 1;
        }
        return eof ? limit : -1;
    }

    /** Number of fields of the last record. */
    public int count() {
        return count;
    }

    /** LF bytes inside quoted fields of the last record (they start new physical lines). */
    public int linesInside() {
        return linesInside;
    }

    public String field(byte[] b, int i) {
        return new String(Unquote.value(b, starts[i], ends[i]), StandardCharsets.UTF_8);
    }

    public List<String> fields(byte[] b) {
        List<String> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(field(b, i));
        }
        return fields;
    }

    /**
     * The error for a record at {@code recordStart} (on {@code recordLine}) that runs to the end of the input
     * {@code limit} inside a quoted field: it names the line where that quoted field starts.
     */
    public static MalformedCsvException openQuote(byte[] b, int recordStart, int limit, long recordLine) {
        int open = recordStart;
        int s = recordStart;
        while (s < limit) {
            if (b[s] == '"') {
                open = s;
                int i = s + 1;
                while (i < limit && !(b[i] == '"' && (i + 1 == limit || b[i + 1] != '"'))) {
                    i += b[i] == '"' ? 2 : 1;
                }
                s = i + 1;
            }
            while (s < limit && b[s] != ',') {
                s++;
            }
            s++;
        }
        long line = recordLine;
        for (int i = recordStart; i < open; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return new MalformedCsvException("quoted field opened here is not closed before the end of the input", line);
    }

    /** Index of the closing quote of a quoted field whose content starts at {@code i}, or -1 if not buffered. */
    private int closingQuote(byte[] b, int i, int limit, boolean eof) {
        while (i < limit) {
            byte c = b[i];
            if (c == '"') {
                if (i + 1 == limit && !eof) {
                    return -1; // cannot tell "" from a closing quote yet
                }
                if (i + 1 < limit && b[i + 1] == '"') {
                    i += 2;
                    continue;
                }
                return i;
            }
            if (c == '\n') {
                linesInside++;
            }
            i++;
        }
        return -1;
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }
}
