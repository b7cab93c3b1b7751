package dev.sluice.core.csv;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Streams a CSV from an input to an output, keeping the header and the data rows that satisfy a {@link FilterRule}.
 * Kept lines are copied byte for byte (quoting, number formatting, line ends and non-UTF-8 bytes untouched); LF,
 * CRLF and a lone CR each end a record; blank lines are dropped; a UTF-8 byte order mark is copied to the output but
 * is not part of the first header name. Input in another encoding (a UTF-16/UTF-32 byte order mark, NUL bytes in the
 * header) is refused. Memory use is a fixed buffer, whatever the input size: a record longer than the maximum record
 * size fails the run. Instances are immutable and thread-safe.
 */
public final class CsvFilter {
    private final FilterRule rule;
    private final IoMode io;
    private final int maxRecordBytes;

    private CsvFilter(FilterRule rule, IoMode io, int maxRecordBytes) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.io = Objects.requireNonNull(io, "io");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * A filter that does its I/O on the calling thread ({@link IoMode#CALLER_THREAD}), with the default maximum record
     * size ({@link CsvLimits#DEFAULT_MAX_RECORD_BYTES}).
     */
    public static CsvFilter of(FilterRule rule) {
        return new CsvFilter(rule, IoMode.CALLER_THREAD, CsvLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    /** The same filter with its reads and writes done as {@code io} says. */
    public CsvFilter withIo(IoMode io) {
        return new CsvFilter(rule, io, maxRecordBytes);
    }

    /** The same filter refusing records longer than {@code maxRecordBytes} ({@link RecordTooLongException}). */
    public CsvFilter withMaxRecordBytes(int maxRecordBytes) {
        return new CsvFilter(rule, io, maxRecordBytes);
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public FilterRule rule() {
        return rule;
    }

    /**
     * Filters {@code in} into {@code out}. Neither stream is closed; {@code out} is flushed.
     *
     * @throws MalformedCsvException   a quoted field is still open at the end of the input
     * @throws RecordTooLongException  a record is longer than the maximum record size
     * @throws UnsupportedEncodingCsvException the input is not UTF-8 (e.g. UTF-16 with a byte order mark)
     * @throws NoHeaderException       the input is empty or holds only blank lines
     * @throws RaggedRowException      a ragged row in {@link RaggedRowPolicy#REJECT} mode
     * @throws UnknownColumnException  a selected column is not in the header
     * @throws IOException             reading {@code in} or writing {@code out} failed (with background threads too:
     *                                 their exception is thrown here, as it is)
     */
    public FilterSummary filter(InputStream in, OutputStream out) throws IOException {
        int bufferSize = Math.min(FilterEngine.DEFAULT_BUFFER_SIZE, maxRecordBytes);
        return new FilterEngine(rule, in, out, bufferSize, maxRecordBytes, io).run();
    }
}
