package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.ColumnSelection;
import dev.sluice.core.csv.Comparison;
import dev.sluice.core.csv.CsvLimits;
import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.FilterSummary;
import dev.sluice.core.csv.IoMode;
import dev.sluice.core.csv.MalformedCsvException;
import dev.sluice.core.csv.MatchMode;
import dev.sluice.core.csv.NoHeaderException;
import dev.sluice.core.csv.RaggedRowException;
import dev.sluice.core.csv.RaggedRowPolicy;
import dev.sluice.core.csv.RecordTooLongException;
import dev.sluice.core.csv.UnknownColumnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One filter run. Works on bytes in a fixed buffer: data rows are scanned once, only selected cells are parsed as
 * numbers (no String on the way), cells after the last selected column are only counted, and kept rows are copied
 * from the buffer as ranges, coalesced when adjacent. Same grammar as {@link RecordTokenizer}: LF, CRLF and a lone
 * CR end a record. The scans look for CR with the same word-at-a-time tests as for LF (no extra pass, no per-byte
 * branch), and the record size limit is checked only when the buffer is refilled and once per record.
 */
public final class FilterEngine {
    /** 1 MiB: large enough that refills and record restarts are rare, small enough to stay cache-friendly. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 20;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int INCOMPLETE = -1;

    private final FilterRule rule;
    private final RecordInput input;
    private final OutputSink sink;
    private final double threshold;
    private final Comparison op;
    private final boolean matchAll;
    private final int maxRecordBytes;
    // A segment run (ParallelFilter): the input's first byte is at inputBase in the file, and the run stops at the
    // first record start at or after stopAt. A whole run: 0 and Long.MAX_VALUE.
    private final long inputBase;
    private final long stopAt;
    // stopAt as a position in the current buffer (Integer.MAX_VALUE when beyond it), updated on each refill.
    private int relativeStop = Integer.MAX_VALUE;
    private long stoppedAt;

    // Resolved from the header.
    private boolean allCells;
    private boolean[] selected;
    private int lastSelected;
    private int headerWidth;
    private List<String> duplicateColumns = List.of();

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
    // Side results of countRemainingCells and unquotedCell (hot path: no allocation for a second return value).
    private int remainingCells;
    private double value;

    private long rowsRead;
    private long rowsKept;
    private long raggedRows;
    private long nonNumericCells;

    public FilterEngine(FilterRule rule, InputStream in, OutputStream out, int bufferSize) {
        this(rule, in, out, bufferSize, CsvLimits.DEFAULT_MAX_RECORD_BYTES, IoMode.CALLER_THREAD);
    }

    public FilterEngine(FilterRule rule, InputStream in, OutputStream out, int bufferSize, IoMode io) {
        this(rule, in, out, bufferSize, CsvLimits.DEFAULT_MAX_RECORD_BYTES, io);
    }

    public FilterEngine(
            FilterRule rule, InputStream in, OutputStream out, int bufferSize, int maxRecordBytes, IoMode io) {
        this(
                rule,
                io == IoMode.BACKGROUND_THREADS
                        ? new ReadAheadInput(in, bufferSize, maxRecordBytes)
                        : new ByteInput(in, bufferSize, maxRecordBytes),
                io == IoMode.BACKGROUND_THREADS ? OutputSink.background(out, bufferSize) : OutputSink.buffered(out),
                maxRecordBytes,
                0,
                Long.MAX_VALUE);
    }

    private FilterEngine(
            FilterRule rule, RecordInput input, OutputSink sink, int maxRecordBytes, long inputBase, long stopAt) {
        this.rule = rule;
        this.input = input;
        this.sink = sink;
        this.threshold = rule.threshold();
        this.op = rule.op();
        this.matchAll = rule.match() == MatchMode.ALL;
        this.maxRecordBytes = maxRecordBytes;
        this.inputBase = inputBase;
        this.stopAt = stopAt;
    }

    /** An engine that reads and writes only the header ({@link #runHeader}), on the caller's thread. */
    static FilterEngine forHeader(FilterRule rule, ByteInput input, OutputSink sink, int maxRecordBytes) {
        return new FilterEngine(rule, input, sink, maxRecordBytes, 0, Long.MAX_VALUE);
    }

    /**
     * An engine for the data rows of a segment of a file ({@link #runSegment}): {@code input} starts at a record start
     * at {@code inputBase} in the file, and the run stops at the first record start at or after {@code stopAt} (or at
     * the end of the input). Lines are counted from {@code firstLine}, so errors name the line in the whole file.
     */
    static FilterEngine forSegment(
            FilterRule rule,
            Columns columns,
            ByteInput input,
            OutputSink sink,
            int maxRecordBytes,
            long inputBase,
            long stopAt,
            long firstLine) {
        FilterEngine engine = new FilterEngine(rule, input, sink, maxRecordBytes, inputBase, stopAt);
        engine.apply(columns);
        engine.line = firstLine;
        return engine;
    }

    /** Runs the filter once; background threads, if any, have stopped when it returns or throws. */
    public FilterSummary run() throws IOException {
        long started = System.nanoTime();
        try {
            int p = input.start();
            p = header(p, input.startsWithBom());
            rows(p);
            flushRun();
            sink.flush();
        } finally {
            input.close();
            sink.close();
        }
        return new FilterSummary(
                rowsRead,
                rowsKept,
                raggedRows,
                nonNumericCells,
                input.bytesRead(),
                sink.written(),
                Duration.ofNanos(System.nanoTime() - started),
                duplicateColumns);
    }

    /**
     * Reads, writes (after the BOM, if any) and resolves the header, then flushes; returns the offset after it in the
     * input (blank lines before the header included). The input is not closed: the caller owns it.
     */
    long runHeader() throws IOException {
        int p = input.start();
        p = header(p, input.startsWithBom());
        flushRun();
        sink.flush();
        return offsetOf(p);
    }

    /**
     * Filters the segment's rows into the sink and flushes it; returns the offset in the file where it stopped: the
     * first record start at or after {@code stopAt}, or the end of the input. The input is not closed.
     */
    long runSegment() throws IOException {
        int p = input.fill(0, line);
        rows(p);
        flushRun();
        sink.flush();
        return stoppedAt;
    }

    /** The columns the header resolved to, for the segments of a parallel run. */
    Columns columns() {
        return new Columns(allCells, selected, lastSelected, headerWidth, duplicateColumns);
    }

    /** The physical line (1-based) of the position where the run stopped. */
    long line() {
        return line;
    }

    long rowsRead() {
        return rowsRead;
    }

    long rowsKept() {
        return rowsKept;
    }

    long raggedRows() {
        return raggedRows;
    }

    long nonNumericCells() {
        return nonNumericCells;
    }

    /** Columns resolved from a header: shared read-only by the segments of a parallel run. */
    record Columns(boolean allCells, boolean[] selected, int lastSelected, int headerWidth, List<String> duplicates) {}

    private void apply(Columns columns) {
        allCells = columns.allCells();
        selected = columns.selected();
        lastSelected = columns.lastSelected();
        headerWidth = columns.headerWidth();
        duplicateColumns = columns.duplicates();
    }

    /** The offset in the file of position {@code p} of the buffer. */
    private long offsetOf(int p) {
        return inputBase + input.bytesRead() - input.limit() + p;
    }

    /** Finds, writes (after the BOM, if any) and resolves the header; returns the position after it. */
    private int header(int p, boolean bom) throws IOException {
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
                    checkLength(p, input.limit());
                    throw openQuote(input.buf(), p, input.limit());
                }
                p = refill(p);
                continue;
            }
            checkLength(p, end);
            Encodings.rejectNulInHeader(input.buf(), p, end, line);
            resolve(tokenizer.fields(input.buf()));
            if (bom) {
                sink.write(UTF8_BOM, 0, UTF8_BOM.length);
            }
            keep(p, end);
            line += 1 + tokenizer.linesInside();
            return end;
        }
    }

    private void resolve(List<String> header) {
        headerWidth = header.size();
        duplicateColumns = duplicates(header);
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

    /** Header names (stripped, as {@code --columns} matches them) that more than one column has, in header order. */
    private static List<String> duplicates(List<String> header) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String name : header) {
            String stripped = name.strip();
            if (!seen.add(stripped)) {
                repeated.add(stripped);
            }
        }
        return repeated.isEmpty() ? List.of() : List.copyOf(repeated);
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
        updateRelativeStop();
        // One test per record for both the buffer's end and a segment's stop: no extra cost for a whole run.
        int bound = Math.min(limit, relativeStop);
        while (true) {
            if (p >= bound) {
                if (p >= relativeStop || eof) {
                    stoppedAt = offsetOf(p);
                    return;
                }
                p = refill(p);
                b = input.buf();
                limit = input.limit();
                eof = input.eof();
                bound = Math.min(limit, relativeStop);
                continue;
            }
            byte c = b[p];
            if (c == '\n') {
                p++;
                line++;
                continue;
            }
            if (c == '\r') { // a blank line: CR or CRLF alone
                int end = RecordTokenizer.lineEnd(b, p, limit, eof);
                if (end == INCOMPLETE) {
                    p = refill(p);
                    b = input.buf();
                    limit = input.limit();
                    eof = input.eof();
                    bound = Math.min(limit, relativeStop);
                    continue;
                }
                p = end;
                line++;
                continue;
            }
            int end = evaluateRecord(b, p, limit, eof);
            if (end == INCOMPLETE) {
                if (eof) {
                    checkLength(p, limit);
                    throw openQuote(b, p, limit);
                }
                p = refill(p);
                b = input.buf();
                limit = input.limit();
                eof = input.eof();
                bound = Math.min(limit, relativeStop);
                continue;
            }
            checkLength(
                    p, end); // the inputs refuse to buffer more; with background reads, the last chunk may overshoot
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
            boolean selectedCell = allCells || (cell < selected.length && selected[cell]);
            int j;
            double v = Double.NaN;
            if (b[s] == '"') {
                int close = closingQuote(b, s + 1, limit, eof);
                if (close < 0) {
                    return INCOMPLETE;
                }
                int tail = close + 1;
                j = b[tail] == ',' || b[tail] == '\n' ? tail : cellEnd(b, tail, limit); // usual: nothing after
                if (selectedCell) {
                    if (j != tail) { // bytes after the closing quote (a CR of the line end is not one: j stops at it)
                        v = Numbers.parseRaw(b, s, j);
                    } else if (mayStartNumber(b[s + 1])) {
                        v = Numbers.parse(b, s + 1, close); // a doubled quote inside makes it non-numeric
                    }
                }
            } else if (selectedCell) {
                j = unquotedCell(b, s, limit);
                v = value;
            } else {
                j = cellEnd(b, s, limit);
            }
            if (j == limit && !eof) {
                return INCOMPLETE;
            }
            if (selectedCell) {
                // Branch-free on purpose: whether a value passes is data-dependent and would mispredict often.
                boolean numeric = !Double.isNaN(v); // NaN means not numeric
                boolean hit = numeric & op.test(v, threshold);
                nonNumeric += numeric ? 0 : 1;
                any |= hit;
                all &= hit;
            }
            cell++;
            if (j == limit) {
                return finish(limit, cell, any, all, nonNumeric);
            }
            if (b[j] == '\n') {
                return finish(j + 1, cell, any, all, nonNumeric);
            }
            if (b[j] == '\r') {
                int end = RecordTokenizer.lineEnd(b, j, limit, eof);
                return end == INCOMPLETE ? INCOMPLETE : finish(end, cell, any, all, nonNumeric);
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

    /**
     * Finds the end of the unquoted cell at {@code s} and sets {@link #value} to its number (NaN if not numeric).
     * Plain decimals with at most 18 digits, a mantissa below 2^53 and at most 22 decimals are parsed in the same
     * pass: {@code mantissa / 10^decimals} divides two exact doubles, so it is correctly rounded (Clinger's fast
     * path) and equals {@link Double#parseDouble}. Everything else goes through {@link Numbers#parse}.
     */
    private int unquotedCell(byte[] b, int s, int limit) {
        int i = s;
        byte c = b[i];
        boolean negative = false;
        if (c == '-' || c == '+') {
            negative = c == '-';
            c = b[++i];
        }
        long mantissa = 0;
        int intStart = i;
        while (c >= '0' && c <= '9') {
            mantissa = mantissa * 10 + (c - '0');
            c = b[++i];
        }
        int digits = i - intStart;
        int decimals = 0;
        if (c == '.') {
            c = b[++i];
            int fracStart = i;
            while (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                c = b[++i];
            }
            decimals = i - fracStart;
            digits += decimals;
        }
        if ((c == ',' || c == '\n') && Numbers.isExact(digits, mantissa, decimals)) { // CR: the slow path
            double v = Numbers.exactQuotient(mantissa, decimals);
            value = negative ? -v : v;
            return i;
        }
        return unquotedCellRest(b, s, i, digits, limit);
    }

    /**
     * The rest of {@link #unquotedCell} when the fast path does not apply; {@code i} is the first byte that is not
     * part of a plain decimal. Kept apart so that the fast path stays small enough for the JIT to inline.
     */
    private int unquotedCellRest(byte[] b, int s, int i, int digits, int limit) {
        byte c = b[i];
        int j = cellEnd(b, i, limit);
        // Only an exponent, blanks, a CR or a number too long for the fast path can still make a numeric cell.
        boolean maybeNumeric = (i == j && digits > 0) || c == 'e' || c == 'E' || c == ' ' || c == '\t' || c == '\r';
        value = maybeNumeric ? Numbers.parse(b, s, j) : Double.NaN;
        return j;
    }

    /** Whether a value starting with {@code c} can be numeric (quoted text is common and fails here at once). */
    private static boolean mayStartNumber(byte c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == ' ' || c == '\t';
    }

    /** Index of the first comma, CR or LF in {@code b[i, limit)}, or {@code limit}. */
    private static int cellEnd(byte[] b, int i, int limit) {
        while (i < limit) {
            long w = Swar.word(b, i);
            long low7 = Swar.low7(w);
            long ascii = Swar.ascii(w);
            long m =
                    Swar.eq(low7, ascii, Swar.COMMAS) | Swar.eq(low7, ascii, Swar.LFS) | Swar.eq(low7, ascii, Swar.CRS);
            if (m != 0) {
                return Math.min(i + Swar.firstByte(m), limit); // bytes past limit are stale
            }
            i += 8;
        }
        return limit;
    }

    /**
     * Counts the cells from {@code s} (a cell start, right after a comma) to the record end without looking at their
     * values; sets {@link #remainingCells} and returns the index after the record, or {@link #INCOMPLETE}.
     */
    private int countRemainingCells(byte[] b, int s, int limit, boolean eof) {
        int end = countRemainingCellsByParity(b, s, limit);
        return end >= 0 ? end : countRemainingCellsByFields(b, s, limit, eof);
    }

    /**
     * The usual case of {@link #countRemainingCells}, without a branch per quoted field: 8 bytes at a time, a byte is
     * inside quotes when an odd number of quotes precede it in the record (a prefix parity of the quote mask), which
     * is exact while every quote that opens by parity is a field's first byte (after a comma) or the second of a
     * doubled quote. Returns -1, so that the field-by-field scan decides, when a quote is data (inside an unquoted
     * field or after a closing quote), when a quoted field holds a line feed (rare; that scan counts the lines) or
     * when the record does not end before the last whole word of the buffer. Every operation counts here (about 35
     * per word): the parity masks carry junk below each byte's high bit, which the other masks clear.
     */
    private int countRemainingCellsByParity(byte[] b, int s, int limit) {
        int cells = 1;
        long inside = 0; // all ones when the previous word ended inside quotes
        long afterSeparator = 0x80; // flags byte 0 of the first word: it follows a comma
        long unusual = 0; // in the words before: quotes that are data, line feeds inside quotes
        for (int i = s; i + 8 <= limit; i += 8) {
            long w = Swar.word(b, i);
            long low7 = Swar.low7(w);
            long ascii = Swar.ascii(w);
            long quotes = Swar.eq(low7, ascii, Swar.QUOTES);
            long commas = Swar.eq(low7, ascii, Swar.COMMAS);
            long lineFeeds = Swar.eq(low7, ascii, Swar.LFS);
            long carriageReturns = Swar.eq(low7, ascii, Swar.CRS);
            long parity = Swar.prefixParity(quotes) ^ inside; // high bits: inside quotes, and quotes that open
            long structural = commas | quotes;
            long misplacedQuotes = quotes & parity & ~((structural << 8) | afterSeparator);
            long lineEnds = (lineFeeds | carriageReturns) & ~parity;
            if (lineEnds != 0) {
                long first = lineEnds & -lineEnds;
                long before = first - 1;
                if ((unusual | ((misplacedQuotes | lineFeeds) & before)) != 0) {
                    return -1;
                }
                int at = i + Swar.firstByte(lineEnds);
                if ((first & carriageReturns) != 0) { // CRLF, or a lone CR; the last byte of the buffer: let the
                    if (at + 1 == limit) { // field-by-field scan decide (it knows about the end of the input)
                        return -1;
                    }
                    at += b[at + 1] == '\n' ? 1 : 0;
                }
                remainingCells = cells + Long.bitCount(commas & ~parity & before);
                return at + 1;
            }
            cells += Long.bitCount(commas & ~parity);
            unusual |= misplacedQuotes | lineFeeds;
            inside = parity >> 63;
            afterSeparator = structural >>> 56;
        }
        return -1;
    }

    /** {@link #countRemainingCells} field by field: exact for every input, including quotes that are data. */
    private int countRemainingCellsByFields(byte[] b, int s, int limit, boolean eof) {
        int cells = 1;
        int i = s;
        while (true) {
            while (i + 8 <= limit) {
                long w = Swar.word(b, i);
                long commas = Swar.eq(w, Swar.COMMAS);
                long special = Swar.eq(w, Swar.LFS) | Swar.eq(w, Swar.QUOTES) | Swar.eq(w, Swar.CRS);
                if (special == 0) {
                    cells += Long.bitCount(commas);
                    i += 8;
                    continue;
                }
                cells += Long.bitCount(commas & ((special & -special) - 1));
                i += Swar.firstByte(special);
                break;
            }
            while (i < limit && b[i] != '\n' && b[i] != '"' && b[i] != '\r') {
                if (b[i] == ',') {
                    cells++;
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
            if (b[i] == '\n' || b[i] == '\r') {
                int end = RecordTokenizer.lineEnd(b, i, limit, eof);
                if (end != INCOMPLETE) {
                    remainingCells = cells;
                }
                return end;
            }
            if (b[i - 1] == ',') { // a quote opens a quoted field only at the start of a field
                int close = closingQuote(b, i + 1, limit, eof);
                if (close < 0) {
                    return INCOMPLETE;
                }
                i = close + 1;
            } else {
                i++;
            }
        }
    }

    /** Closing quote of a quoted field whose content starts at {@code i}; -1 if not buffered. Counts inner LFs. */
    private int closingQuote(byte[] b, int i, int limit, boolean eof) {
        while (i < limit) {
            long w = Swar.word(b, i);
            long low7 = Swar.low7(w);
            long ascii = Swar.ascii(w);
            long m = Swar.eq(low7, ascii, Swar.QUOTES) | Swar.eq(low7, ascii, Swar.LFS);
            if (m == 0) {
                i += 8;
                continue;
            }
            int q = i + Swar.firstByte(m);
            if (q >= limit) {
                return -1;
            }
            if (b[q] == '\n') {
                recordLinesInside++;
                i = q + 1;
                continue;
            }
            if (q + 1 == limit) {
                return eof ? q : -1; // before the end of input, cannot tell "" from a closing quote yet
            }
            if (b[q + 1] == '"') {
                i = q + 2;
                continue;
            }
            return q;
        }
        return -1;
    }

    /**
     * Skips blank lines (LF, CRLF or CR alone) from {@code p}. Returns the first non-blank position, or {@code -p-1}
     * when a CR at the buffer's end needs the next byte to decide.
     */
    private int skipBlankLines(int p) {
        byte[] b = input.buf();
        int limit = input.limit();
        while (p < limit && (b[p] == '\n' || b[p] == '\r')) {
            int end = RecordTokenizer.lineEnd(b, p, limit, input.eof());
            if (end == INCOMPLETE) {
                return -p - 1;
            }
            p = end;
            line++;
        }
        return p;
    }

    /** A record of {@code [start, end)} longer than the limit (possible with background reads) fails the run. */
    private void checkLength(int start, int end) {
        if (end - start > maxRecordBytes) {
            throw new RecordTooLongException(maxRecordBytes, line);
        }
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
        int moved = input.fill(p, line);
        updateRelativeStop();
        return moved;
    }

    private void updateRelativeStop() {
        if (stopAt != Long.MAX_VALUE) {
            relativeStop = (int) Math.min(Integer.MAX_VALUE, Math.max(0, stopAt - offsetOf(0)));
        }
    }

    private MalformedCsvException openQuote(byte[] b, int recordStart, int limit) {
        return RecordTokenizer.openQuote(b, recordStart, limit, line);
    }
}
