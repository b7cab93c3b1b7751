package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.Comparison;
import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.FilterSummary;
import dev.sluice.core.csv.MalformedCsvException;
import dev.sluice.core.csv.MatchMode;
import dev.sluice.core.csv.NoHeaderException;
import dev.sluice.core.csv.RaggedRowException;
import dev.sluice.core.csv.RaggedRowPolicy;
import dev.sluice.core.csv.UnknownColumnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * One filter run. Works on bytes in a fixed buffer: data rows are scanned once, only selected cells are parsed as
 * numbers (no String on the way), cells after the last selected column are only counted, and kept rows are copied
 * from the buffer as ranges, coalesced when adjacent. Same grammar as {@link RecordTokenizer}.
 */
public final class FilterEngine {
    /** 1 MiB: large enough that refills and record restarts are rare, small enough to stay cache-friendly. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 20;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int INCOMPLETE = -1;

    private final FilterRule rule;
    private final ByteInput input;
    private final OutputSink sink;
    private final double threshold;
    private final int op;
    private final boolean matchAll;

    // Resolved from the header.
    private boolean allCells;
    private boolean[] selected;
    private int lastSelected;
    private int headerWidth;

    // Physical line (1-based) of the byte at the current position.
    private long line = 1;
    // Pending run of kept bytes in the buffer, written lazily so that adjacent kept rows become one write.
    private int runStart;
    private int runEnd;

    // Results of the last evaluateRecord call.
    private int recordCells;
    private boolean recordKept;
    private int recordNonNumeric;
    private int recordLinesInside;
    // Side results of countRemainingCells and closingQuote (hot path: no allocation for a second return value).
    private int remainingCells;
    private boolean quoteEscaped;

    private long rowsRead;
    private long rowsKept;
    private long raggedRows;
    private long nonNumericCells;

    public FilterEngine(FilterRule rule, InputStream in, OutputStream out, int bufferSize) {
        this(rule, in, out, bufferSize, ByteInput.MAX_RECORD_BYTES);
    }

    public FilterEngine(FilterRule rule, InputStream in, OutputStream out, int bufferSize, int maxRecordBytes) {
        this.rule = rule;
        this.input = new ByteInput(in, bufferSize, maxRecordBytes);
        this.sink = new OutputSink(out);
        this.threshold = rule.threshold();
        this.op = rule.op().ordinal();
        this.matchAll = rule.match() == MatchMode.ALL;
    }

    public FilterSummary run() throws IOException {
        long started = System.nanoTime();
        int p = input.start();
        if (p > 0) {
            sink.write(UTF8_BOM, 0, UTF8_BOM.length);
        }
        p = header(p);
        rows(p);
        flushRun();
        sink.flush();
        return new FilterSummary(rowsRead, rowsKept, raggedRows, nonNumericCells, input.bytesRead(),
                sink.written(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Finds, writes and resolves the header; returns the position after it. */
    private int header(int p) throws IOException {
        RecordTokenizer tokenizer = new RecordTokenizer();
        while (true) {
            p = skipBlankLines(p);
            if (p < 0) {
                p = refill(-p - 1);
                continue;
            }
            if (p == input.limit()) {
                if (input.eof()) {
                    throw new NoHeaderException();
                }
                p = refill(p);
                continue;
            }
            int end = tokenizer.tokenize(input.buf(), p, input.limit(), input.eof());
            if (end == INCOMPLETE) {
                if (input.eof()) {
                    throw openQuote(input.buf(), p, input.limit());
                }
                p = refill(p);
                continue;
            }
            resolve(tokenizer.fields(input.buf()));
            keep(p, end);
            line += 1 + tokenizer.linesInside();
            return end;
        }
    }

    private void resolve(List<String> header) {
        headerWidth = header.size();
        ColumnSelection columns = rule.columns();
        if (columns instanceof ColumnSelection.Listed listed) {
            selected = new boolean[headerWidth];
            for (String column : listed.columns()) {
                select(column, header);
            }
            for (int i = 0; i < headerWidth; i++) {
                if (selected[i]) {
                    lastSelected = i;
                }
            }
        } else {
            allCells = true;
        }
    }

    /** A header name first (every column with that name), else a 1-based index within the header. */
    private void select(String column, List<String> header) {
        boolean found = false;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(column)) {
                selected[i] = true;
                found = true;
            }
        }
        if (!found) {
            int index = oneBasedIndex(column);
            if (index < 1 || index > header.size()) {
                throw new UnknownColumnException(column, header, line);
            }
            selected[index - 1] = true;
        }
    }

    private static int oneBasedIndex(String column) {
        if (column.isEmpty() || column.length() > 9 || !column.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(column);
    }

    private void rows(int p) throws IOException {
        byte[] b = input.buf();
        int limit = input.limit();
        boolean eof = input.eof();
        while (true) {
            if (p >= limit) {
                if (eof) {
                    return;
                }
                p = refill(p);
                b = input.buf();
                limit = input.limit();
                eof = input.eof();
                continue;
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                line++;
                continue;
            }
            if (c == '\r' && (p + 1 < limit || !eof)) {
                if (p + 1 == limit) {
                    p = refill(p);
                    b = input.buf();
                    limit = input.limit();
                    eof = input.eof();
                    continue;
                }
                if (b[p + 1] == '\n') {
                    p += 2;
                    line++;
                    continue;
                }
            }
            int end = evaluateRecord(b, p, limit, eof);
            if (end == INCOMPLETE) {
                if (eof) {
                    throw openQuote(b, p, limit);
                }
                p = refill(p);
                b = input.buf();
                limit = input.limit();
                eof = input.eof();
                continue;
            }
            rowsRead++;
            nonNumericCells += recordNonNumeric;
            if (recordCells != headerWidth) {
                raggedRows++;
                if (rule.ragged() == RaggedRowPolicy.REJECT) {
                    throw new RaggedRowException(line, recordCells, headerWidth);
                }
            }
            if (recordKept) {
                rowsKept++;
                keep(p, end);
            }
            line += 1 + recordLinesInside;
            p = end;
        }
    }

    /**
     * Evaluates the record at {@code p}: sets the record* fields and returns the index after its line end, or
     * {@link #INCOMPLETE} when it does not end in the buffer.
     */
    private int evaluateRecord(byte[] b, int p, int limit, boolean eof) {
        int cell = 0;
        boolean any = false;
        boolean all = true;
        int nonNumeric = 0;
        recordLinesInside = 0;
        int s = p;
        while (true) {
            boolean evaluate = allCells || (cell < selected.length && selected[cell]);
            int tail = s;
            int close = -1;
            boolean escaped = false;
            if (s < limit && b[s] == '"') {
                close = closingQuote(b, s + 1, limit, eof);
                if (close < 0) {
                    return INCOMPLETE;
                }
                escaped = quoteEscaped;
                tail = close + 1;
            }
            int j = tail;
            while (j < limit) {
                byte c = b[j];
                if (c == ',' || c == '\n') {
                    break;
                }
                j++;
            }
            if (j == limit && !eof) {
                return INCOMPLETE;
            }
            if (evaluate) {
                int fieldEnd = j < limit && j > tail && b[j - 1] == '\r' ? j - 1 : j;
                double v;
                if (close < 0) {
                    v = Numbers.parse(b, s, fieldEnd);
                } else if (fieldEnd == tail) {
                    v = escaped ? Double.NaN : Numbers.parse(b, s + 1, close);
                } else {
                    v = Numbers.parseRaw(b, s, fieldEnd);
                }
                if (v != v) { // NaN: not numeric
                    nonNumeric++;
                    all = false;
                } else if (test(v)) {
                    any = true;
                } else {
                    all = false;
                }
            }
            cell++;
            if (j == limit) {
                return finish(limit, cell, any, all, nonNumeric);
            }
            if (b[j] == '\n') {
                return finish(j + 1, cell, any, all, nonNumeric);
            }
            s = j + 1;
            if (!allCells && cell > lastSelected) {
                int end = countRemainingCells(b, s, limit, eof);
                if (end == INCOMPLETE) {
                    return INCOMPLETE;
                }
                return finish(end, cell + remainingCells, any, all, nonNumeric);
            }
        }
    }

    private int finish(int end, int cells, boolean any, boolean all, int nonNumeric) {
        recordCells = cells;
        recordNonNumeric = nonNumeric;
        recordKept = matchAll ? all && (allCells || lastSelected < cells) : any;
        return end;
    }

    /** Counts the cells from {@code s} (a cell start) to the record end, without looking at their values. */
    private int countRemainingCells(byte[] b, int s, int limit, boolean eof) {
        int cells = 1;
        int i = s;
        while (true) {
            if (i < limit && b[i] == '"') {
                int close = closingQuote(b, i + 1, limit, eof);
                if (close < 0) {
                    return INCOMPLETE;
                }
                i = close + 1;
            }
            while (i < limit) {
                byte c = b[i];
                if (c == ',') {
                    break;
                }
                if (c == '\n') {
                    remainingCells = cells;
                    return i + 1;
                }
                i++;
            }
            if (i == limit) {
                if (!eof) {
                    return INCOMPLETE;
                }
                remainingCells = cells;
                return limit;
            }
            cells++;
            i++;
        }
    }

    /** Closing quote of a quoted field whose content starts at {@code i}; -1 if not buffered. Counts inner LFs. */
    private int closingQuote(byte[] b, int i, int limit, boolean eof) {
        boolean escaped = false;
        while (i < limit) {
            byte c = b[i];
            if (c == '"') {
                if (i + 1 == limit && !eof) {
                    return -1;
                }
                if (i + 1 < limit && b[i + 1] == '"') {
                    escaped = true;
                    i += 2;
                    continue;
                }
                quoteEscaped = escaped;
                return i;
            }
            if (c == '\n') {
                recordLinesInside++;
            }
            i++;
        }
        return -1;
    }

    private boolean test(double v) {
        return switch (op) {
            case 0 -> v > threshold;
            case 1 -> v >= threshold;
            case 2 -> v < threshold;
            case 3 -> v <= threshold;
            case 4 -> v == threshold;
            default -> v != threshold;
        };
    }

    /**
     * Skips blank lines (LF or CRLF alone) from {@code p}. Returns the first non-blank position, or {@code -p-1}
     * when a CR at the buffer's end needs the next byte to decide.
     */
    private int skipBlankLines(int p) {
        byte[] b = input.buf();
        int limit = input.limit();
        while (p < limit) {
            if (b[p] == '\n') {
                p++;
                line++;
            } else if (b[p] == '\r' && p + 1 == limit && !input.eof()) {
                return -p - 1;
            } else if (b[p] == '\r' && p + 1 < limit && b[p + 1] == '\n') {
                p += 2;
                line++;
            } else {
                break;
            }
        }
        return p;
    }

    private void keep(int start, int end) throws IOException {
        if (start != runEnd || runStart == runEnd) {
            flushRun();
            runStart = start;
        }
        runEnd = end;
    }

    private void flushRun() throws IOException {
        if (runEnd > runStart) {
            sink.write(input.buf(), runStart, runEnd - runStart);
        }
        runStart = 0;
        runEnd = 0;
    }

    /** Flushes pending output, then refills keeping the record at {@code p}; returns its new position. */
    private int refill(int p) throws IOException {
        flushRun();
        input.fill(p, line);
        return 0;
    }

    private MalformedCsvException openQuote(byte[] b, int recordStart, int limit) {
        return RecordTokenizer.openQuote(b, recordStart, limit, line);
    }

    static {
        // The op codes in test(double) follow Comparison's declaration order.
        assert Comparison.GT.ordinal() == 0 && Comparison.NE.ordinal() == 5;
    }
}
