package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.CsvLimits;
import dev.sluice.core.csv.RecordTooLongException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A fixed read buffer over an input stream. Parsers work on {@code buf[0, limit)}; when a record does not fit in what
 * is buffered, they call {@link #fill} to drop the bytes before the record, shift it to the front and read more. The
 * buffer grows only when a single record is larger than it, up to the maximum record size ({@link CsvLimits}).
 */
public final class ByteInput implements RecordInput {
    /**
     * Slack after the data: room for the LF sentinel at {@code limit} and for word-at-a-time reads near it.
     */
    static final int PADDING = 16;
    /** Every byte order mark must fit in the first fill to be recognised. */
    static final int MIN_BUFFER_SIZE = Encodings.LONGEST_BOM;

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxRecordBytes;
    private byte[] buf;
    private int limit;
    private boolean eof;
    private long bytesRead;

    public ByteInput(InputStream in, int bufferSize, int maxRecordBytes) {
        this(in, newBuffer(bufferSize, maxRecordBytes), maxRecordBytes);
    }

    private static byte[] newBuffer(int bufferSize, int maxRecordBytes) {
        if (bufferSize < 1 || maxRecordBytes < bufferSize) {
            throw new IllegalArgumentException("bad buffer sizes " + bufferSize + "/" + maxRecordBytes);
        }
        return new byte[Math.max(bufferSize, MIN_BUFFER_SIZE) + PADDING];
    }

    /**
     * Reads into {@code buffer} (its capacity is its length less {@link #PADDING}), so that callers can reuse buffers;
     * a record larger than it still grows into a new array ({@link #buf()}).
     */
    ByteInput(InputStream in, byte[] buffer, int maxRecordBytes) {
        if (buffer.length < MIN_BUFFER_SIZE + PADDING) {
            throw new IllegalArgumentException("buffer of " + buffer.length + " bytes is too small");
        }
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
        this.buf = buffer;
    }

    @Override
    public byte[] buf() {
        return buf;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public boolean eof() {
        return eof;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Drops {@code buf[0, keepFrom)}, moves the rest to the front and reads until the buffer is full or the input
     * ends. Positions held by the caller move by {@code -keepFrom}: the kept bytes start at 0.
     *
     * @param recordLine the line of the record being kept, for the error when it outgrows the record limit
     */
    @Override
    public int fill(int keepFrom, long recordLine) throws IOException {
        int kept = limit - keepFrom;
        if (kept > 0 && keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, kept);
        }
        limit = kept;
        if (limit == capacity()) {
            grow(recordLine);
        }
        int before = limit;
        while (limit < capacity()) {
            int n = in.read(buf, limit, capacity() - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            limit += n;
        }
        bytesRead += limit - before;
        buf[limit] = '\n'; // sentinel: every scan for a line end stops at limit at the latest
        return 0;
    }

    @Override
    public int start() throws IOException {
        fill(0, 1);
        Encodings.rejectForeignBom(buf, 0, limit);
        return startsWithBom() ? UTF8_BOM.length : 0;
    }

    @Override
    public boolean startsWithBom() {
        return hasBom(buf, 0, limit);
    }

    static boolean hasBom(byte[] b, int from, int limit) {
        return limit - from >= 3 && b[from] == UTF8_BOM[0] && b[from + 1] == UTF8_BOM[1] && b[from + 2] == UTF8_BOM[2];
    }

    /** Nothing to stop: reads happen in {@link #fill}, on the caller's thread. */
    @Override
    public void close() {}

    private int capacity() {
        return buf.length - PADDING;
    }

    /**
     * Doubles the buffer, up to one byte more than the limit: a record of exactly the limit may need to see the byte
     * after it (a CR's LF, a quote's second quote) to end. Parsers check a record that ends longer than the limit.
     */
    private void grow(long recordLine) {
        if (capacity() > maxRecordBytes) {
            throw new RecordTooLongException(maxRecordBytes, recordLine);
        }
        int newCapacity = (int) Math.min((long) capacity() * 2, (long) maxRecordBytes + 1);
        byte[] bigger = new byte[newCapacity + PADDING];
        System.arraycopy(buf, 0, bigger, 0, limit);
        buf = bigger;
    }
}
