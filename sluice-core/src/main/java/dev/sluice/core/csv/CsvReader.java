package dev.sluice.core.csv;

import dev.sluice.core.csv.internal.ByteInput;
import dev.sluice.core.csv.internal.Encodings;
import dev.sluice.core.csv.internal.RecordTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Streams records from RFC 4180 CSV bytes with the same rules as {@link CsvFilter}: a UTF-8 byte order mark is
 * stripped, blank lines are skipped, quoted fields may hold commas, quotes ({@code ""}) and line ends, LF, CRLF and
 * CR line ends, a last line without a line end. Memory is a fixed buffer (grown only for a record larger than it, up
 * to the maximum record size). Input in another encoding than UTF-8 is refused
 * ({@link UnsupportedEncodingCsvException}). The first record returned is the header. Not thread-safe.
 */
public final class CsvReader implements java.io.Closeable {
    /** 64 KiB: the reader materialises Strings, so a larger buffer buys nothing. */
    private static final int BUFFER_SIZE = 64 << 10;

    private final InputStream in;
    private final ByteInput input;
    private final int maxRecordBytes;
    private final RecordTokenizer tokenizer = new RecordTokenizer();
    private int pos = -1;
    private long line = 1;
    private long generation;
    private boolean first = true;

    private CsvReader(InputStream in, int bufferSize, int maxRecordBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.input = new ByteInput(in, Math.min(bufferSize, maxRecordBytes), maxRecordBytes);
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A reader with the default maximum record size, {@link CsvLimits#DEFAULT_MAX_RECORD_BYTES}. */
    public static CsvReader of(InputStream in) {
        return new CsvReader(in, BUFFER_SIZE, CsvLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * A reader that refuses a record longer than {@code maxRecordBytes} ({@link RecordTooLongException}) instead of
     * buffering it.
     */
    public static CsvReader of(InputStream in, int maxRecordBytes) {
        return new CsvReader(in, BUFFER_SIZE, maxRecordBytes);
    }

    /** For boundary tests: a reader with a tiny buffer. */
    static CsvReader ofBufferSize(InputStream in, int bufferSize) {
        return new CsvReader(in, bufferSize, CsvLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * The next record, or {@code null} at the end of the input (an empty input has no records at all).
     *
     * @throws MalformedCsvException a quoted field is still open at the end of the input
     */
    public CsvRecord next() throws IOException {
        if (pos < 0) {
            pos = input.start();
        }
        generation++;
        while (true) {
            byte[] b = input.buf();
            int limit = input.limit();
            if (pos == limit) {
                if (input.eof()) {
                    return null;
                }
                refill();
                continue;
            }
            if (b[pos] == '\n') {
                pos++;
                line++;
                continue;
            }
            if (b[pos] == '\r') { // a blank line: CR or CRLF alone
                int end = RecordTokenizer.lineEnd(b, pos, limit, input.eof());
                if (end < 0) {
                    refill();
                    continue;
                }
                pos = end;
                line++;
                continue;
            }
            int end = tokenizer.tokenize(b, pos, limit, input.eof());
            if (end < 0) {
                if (input.eof()) {
                    checkLength(limit);
                    throw RecordTokenizer.openQuote(b, pos, limit, line);
                }
                refill();
                continue;
            }
            checkLength(end);
            if (first) {
                Encodings.rejectNulInHeader(b, pos, end, line);
                first = false;
            }
            CsvRecord record = new Record(tokenizer.fields(b), line, pos, end, generation);
            line += 1 + tokenizer.linesInside();
            pos = end;
            return record;
        }
    }

    /** Closes the underlying input stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The input buffers at most one byte more than the limit (see {@code ByteInput}); a record that long fails. */
    private void checkLength(int end) {
        if (end - pos > maxRecordBytes) {
            throw new RecordTooLongException(maxRecordBytes, line);
        }
    }

    private void refill() throws IOException {
        input.fill(pos, line);
        pos = 0;
    }

    private final class Record implements CsvRecord {
        private final List<String> fields;
        private final long line;
        private final int start;
        private final int end;
        private final long generation;

        Record(List<String> fields, long line, int start, int end, long generation) {
            this.fields = List.copyOf(fields);
            this.line = line;
            this.start = start;
            this.end = end;
            this.generation = generation;
        }

        @Override
        public int size() {
            return fields.size();
        }

        @Override
        public String field(int i) {
            return fields.get(i);
        }

        @Override
        public List<String> fields() {
            return fields;
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public void writeRawTo(OutputStream out) throws IOException {
            if (generation != CsvReader.this.generation) {
                throw new IllegalStateException("record of line " + line + " is no longer buffered: call"
                        + " writeRawTo before the next next()");
            }
            out.write(input.buf(), start, end - start);
        }

        @Override
        public String toString() {
            return "CsvRecord[line " + line + ": " + fields + "]";
        }
    }
}
