package dev.sluice.lambda.s3;

import dev.sluice.lambda.runtime.TransientFailure;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An object read as consecutive byte ranges, up to {@code inFlight} of them fetched ahead in parallel while the
 * caller consumes the current one. Memory is bounded: at most {@code inFlight + 1} ranges are held at once, whatever
 * the object's size. Ranges arrive in order; a failed range surfaces, typed, when the reader reaches it.
 */
final class RangedObjectStream extends InputStream {

    /** Fetches {@code [start, start + length)} of one pinned object version, whole, or throws a typed failure. */
    @FunctionalInterface
    interface RangeFetcher {
        byte[] fetch(long start, int length);
    }

    private final RangeFetcher fetcher;
    private final long size;
    private final int rangeSize;
    private final int inFlight;
    private final ExecutorService pool;
    private final ArrayDeque<Future<byte[]>> ahead = new ArrayDeque<>();
    private long nextStart;
    private byte[] current;
    private int position;
    private boolean closed;

    /**
     * @param first the object's first range, already fetched (so that open-time failures surface at open)
     * @param size  the whole object's size in bytes
     */
    RangedObjectStream(RangeFetcher fetcher, byte[] first, long size, int rangeSize, int inFlight) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.size = size;
        this.rangeSize = rangeSize;
        this.inFlight = inFlight;
        this.current = first;
        this.nextStart = first.length;
        this.pool = Executors.newFixedThreadPool(inFlight, Thread.ofPlatform().daemon().name("s3-range-", 0).factory());
        scheduleAhead();
    }

    @Override
    public int read() {
        if (!ensureData()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ahead.forEach(future -> future.cancel(true));
            ahead.clear();
            pool.shutdownNow();
            current = null;
        }
    }

    private boolean ensureData() {
        if (closed) {
            throw new IllegalStateException("the object stream is closed");
        }
        while (position == current.length) {
            Future<byte[]> next = ahead.poll();
            if (next == null) {
                return false;
            }
            current = await(next);
            position = 0;
            scheduleAhead();
        }
        return true;
    }

    private void scheduleAhead() {
        while (ahead.size() < inFlight && nextStart < size) {
            long start = nextStart;
            int length = (int) Math.min(rangeSize, size - start);
            ahead.add(pool.submit(() -> fetcher.fetch(start, length)));
            nextStart += length;
        }
    }

    private static byte[] await(Future<byte[]> range) {
        try {
            return range.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;                       // already typed by the fetcher
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new TransientFailure("SOURCE_READ_FAILED", "a range read failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("SOURCE_READ_FAILED", "interrupted while reading the object", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("the object stream is closed", e);
        }
    }
}
