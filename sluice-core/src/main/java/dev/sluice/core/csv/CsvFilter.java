package dev.sluice.core.csv;

import dev.sluice.core.csv.internal.FilterEngine;
import dev.sluice.core.csv.internal.ParallelFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
    private final int threads;

    private CsvFilter(FilterRule rule, IoMode io, int maxRecordBytes, int threads) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.io = Objects.requireNonNull(io, "io");
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.maxRecordBytes = maxRecordBytes;
        this.threads = threads;
    }

    /**
     * A filter that does its I/O on the calling thread ({@link IoMode#CALLER_THREAD}), with the default maximum record
     * size ({@link CsvLimits#DEFAULT_MAX_RECORD_BYTES}).
     */
    public static CsvFilter of(FilterRule rule) {
        return new CsvFilter(rule, IoMode.CALLER_THREAD, CsvLimits.DEFAULT_MAX_RECORD_BYTES, 1);
    }

    /** The same filter with its reads and writes done as {@code io} says. */
    public CsvFilter withIo(IoMode io) {
        return new CsvFilter(rule, io, maxRecordBytes, threads);
    }

    /**
     * The same filter using up to {@code threads} threads to filter a file ({@link #filter(FileChannel,
     * OutputStream)}); streams are always filtered by one thread. Default: 1.
     */
    public CsvFilter withThreads(int threads) {
        return new CsvFilter(rule, io, maxRecordBytes, threads);
    }

    /** The same filter refusing records longer than {@code maxRecordBytes} ({@link RecordTooLongException}). */
    public CsvFilter withMaxRecordBytes(int maxRecordBytes) {
        return new CsvFilter(rule, io, maxRecordBytes, threads);
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

    /**
     * Filters a file into {@code out}, with the {@linkplain #withThreads threads} this filter has: the output,
     * summary and exceptions are those of {@link #filter(InputStream, OutputStream)} over the same bytes. The file is
     * read from its first byte, whatever the channel's position, and is not closed; {@code out} is flushed, not
     * closed. With more than one thread, the file is cut into chunks at line feeds that are filtered
     * side by side and written in order; see {@code ParallelFilter} for how quoted line feeds are handled.
     *
     * @throws IOException as {@link #filter(InputStream, OutputStream)}
     */
    public FilterSummary filter(FileChannel in, OutputStream out) throws IOException {
        if (threads == 1) {
            return filter(Channels.newInputStream(in.position(0)), out);
        }
        return new ParallelFilter(rule, threads, maxRecordBytes).run(in, out);
    }
}
