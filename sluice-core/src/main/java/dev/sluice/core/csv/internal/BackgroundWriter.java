package dev.sluice.core.csv.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream that copies what it is given into a small ring of fixed buffers and writes them to the target
 * stream on a background thread, so that the filter's thread does not wait for {@code write} system calls. Memory is
 * constant: {@link #BUFFERS} buffers of the given size; when the target is slower than the filter, {@link #write}
 * waits for a free buffer.
 *
 * <p>A failure of the target stream ({@link IOException} or unchecked) is thrown, as it is, by the next
 * {@link #write} or by {@link #flush}; the thread then drops what is still queued. {@link #flush} returns when
 * everything written so far has reached the target and the target has been flushed. {@link #close} stops the thread
 * and drops what was not yet written (the filter failed, or flushed already); it never closes the target.
 */
final class BackgroundWriter extends OutputStream {
    /** One being filled, one being written, one spare: more measured no faster. */
    static final int BUFFERS = 3;
    /** How long {@link #close} waits for the thread: a write to a pipe can block for good, and it is a daemon. */
    private static final long STOP_WAIT_MILLIS = 1_000;

    private static final Batch END = new Batch(new byte[0], 0);

    private final OutputStream out;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    /** Filled buffers in order, then {@link #END}: one slot more than buffers, so handing over never waits. */
    private final BlockingQueue<Batch> filled = new ArrayBlockingQueue<>(BUFFERS + 1);

    private final Thread writer;
    private volatile Throwable failure;
    private volatile boolean dropping;

    private byte[] buffer;
    private int count;
    private boolean ended;

    private record Batch(byte[] bytes, int length) {}

    BackgroundWriter(OutputStream out, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bad buffer size " + bufferSize);
        }
        this.out = out;
        for (int i = 1; i < BUFFERS; i++) {
            free.add(new byte[bufferSize]);
        }
        this.buffer = new byte[bufferSize];
        // Started with the first hand-over: a writer that is never used (e.g. an engine that fails before writing
        // anything past its first buffer) costs no thread.
        this.writer = Thread.ofPlatform().name("sluice-writer").daemon().unstarted(this::writeAll);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                handOver();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Writes out everything given so far, flushes the target, and ends the thread: write after flush fails. */
    @Override
    public void flush() throws IOException {
        if (ended) {
            throwFailure();
            return;
        }
        if (count > 0) {
            handOver();
        }
        ended = true;
        if (writer.getState() == Thread.State.NEW) { // nothing handed over, nothing written
            out.flush();
            return;
        }
        filled.add(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the output");
        }
        throwFailure();
        out.flush();
    }

    @Override
    public void close() {
        dropping = true;
        if (!ended) {
            ended = true;
            filled.add(END);
        }
        try {
            writer.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handOver() throws IOException {
        if (ended) {
            throw new IOException("output already flushed and ended");
        }
        throwFailure();
        if (writer.getState() == Thread.State.NEW) {
            writer.start();
        }
        filled.add(new Batch(buffer, count));
        try {
            buffer = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the output");
        }
        count = 0;
        throwFailure();
    }

    private void throwFailure() throws IOException {
        switch (failure) {
            case null -> {}
            case IOException io -> throw io;
            case RuntimeException unchecked -> throw unchecked;
            case Error fatal -> throw fatal;
            default -> throw new IOException(failure);
        }
    }

    /** The writing thread: writes batches in order until {@link #END}; after a failure, only recycles them. */
    private void writeAll() {
        while (true) {
            Batch batch;
            try {
                batch = filled.take();
            } catch (InterruptedException e) {
                return; // not ours to interrupt; stop
            }
            if (batch == END) {
                return;
            }
            if (failure == null && !dropping) {
                try {
                    PiecewiseWrites.write(out, batch.bytes(), 0, batch.length());
                } catch (Throwable e) { // handed to the filter's thread, which throws it
                    failure = e;
                }
            }
            free.add(batch.bytes());
        }
    }
}
