package dev.sluice.core.csv.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A small write buffer that counts bytes; large ranges go straight to the stream without a copy. The background
 * variant copies every range once, into a {@link BackgroundWriter}'s buffers, and its thread does the writing.
 */
final class OutputSink {
    private static final int BUFFER_SIZE = PiecewiseWrites.MAX_WRITE;

    private final OutputStream out;
    private final byte[] buffer;
    private final BackgroundWriter background;
    private int count;
    private long written;

    private OutputSink(OutputStream out, int bufferSize, BackgroundWriter background) {
        this.out = out;
        this.buffer = new byte[bufferSize];
        this.background = background;
    }

    static OutputSink buffered(OutputStream out) {
        return new OutputSink(out, BUFFER_SIZE, null);
    }

    /** No buffer: every range goes to {@code out} as it is (an in-memory stream, which is a buffer itself). */
    static OutputSink direct(OutputStream out) {
        return new OutputSink(out, 0, null);
    }

    /** No buffer here (every range goes to the writer, which buffers it): one copy, not two. */
    static OutputSink background(OutputStream out, int bufferSize) {
        BackgroundWriter writer = new BackgroundWriter(out, bufferSize);
        return new OutputSink(writer, 0, writer);
    }

    void write(byte[] b, int off, int len) throws IOException {
        written += len;
        if (len >= buffer.length / 2) {
            drain();
            PiecewiseWrites.write(out, b, off, len);
            return;
        }
        if (len > buffer.length - count) {
            drain();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Stops the background writer, if any, dropping what it did not write; never closes the stream. */
    void close() {
        if (background != null) {
            background.close();
        }
    }

    long written() {
        return written;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
