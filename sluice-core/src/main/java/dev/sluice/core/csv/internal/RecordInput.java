package dev.sluice.core.csv.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Bytes of the input in a window {@code buf()[start, limit)} that parsers scan, with an LF sentinel at {@code limit}
 * and {@link ByteInput#PADDING} readable bytes after it. When a record does not end in the window, the parser calls
 * {@link #fill} with the record's start: the bytes before it are dropped, the record is kept and more bytes follow it
 * (possibly in another array: callers re-read {@link #buf()} and {@link #limit()} after each call).
 */
public interface RecordInput extends Closeable {

    byte[] buf();

    int limit();

    /** Whether the window ends at the end of the input (no {@link #fill} will add bytes). */
    boolean eof();

    long bytesRead();

    /** Reads the first bytes and returns the position of the first one after a UTF-8 byte order mark, if any. */
    int start() throws IOException;

    /** Whether the input started with a UTF-8 byte order mark; valid after {@link #start()}. */
    boolean startsWithBom();

    /**
     * Drops the bytes before {@code keepFrom}, keeps the rest and adds at least one more byte unless the input ended.
     *
     * @param recordLine the line of the record being kept, for the error when it outgrows the record limit
     * @return the position of the kept bytes (what was at {@code keepFrom})
     */
    int fill(int keepFrom, long recordLine) throws IOException;

    /** Stops any work on behalf of this input; never closes the underlying stream. */
    @Override
    void close();
}
