package dev.sluice.core.csv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/** Streams whose reads or writes block, like a pipe nobody feeds or drains, until {@link #release()}. */
final class BlockingStreams {
    final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    void release() {
        released.countDown();
    }

    private void block() throws InterruptedIOException {
        blocked.countDown();
        try {
            released.await();
        } catch (InterruptedException e) {
            throw new InterruptedIOException();
        }
    }

    /** Gives {@code data} in the first read, then blocks; returns end of input once released. */
    InputStream input(byte[] data) {
        return new InputStream() {
            private boolean given;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!given) {
                    given = true;
                    System.arraycopy(data, 0, b, off, Math.min(len, data.length));
                    return Math.min(len, data.length);
                }
                block();
                return -1;
            }
        };
    }

    /** Blocks in the first write. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                block();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                block();
            }
        };
    }
}
