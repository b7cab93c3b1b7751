package dev.sluice.core.csv.internal;

import java.io.IOException;
import java.io.OutputStream;

/** A small write buffer that counts bytes; large ranges go straight to the stream without a copy. */
final class OutputSink {
    private static final int BUFFER_SIZE = 64 << 10;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int count;
    private long written;

    OutputSink(OutputStream out) {
        this.out = out;
    }

    void write(byte[] b, int off, int len) throws IOException {
        written += len;
        if (len >= BUFFER_SIZE / 2) {
            drain();
            out.write(b, off, len);
            return;
        }
        if (len > BUFFER_SIZE - count) {
            drain();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    void flush() throws IOException {
        drain();
        out.flush();
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
