package dev.sluice.aws.s3;

import dev.sluice.aws.failure.TransientFailure;
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
 * caller consumes the current one. Memory is fixed: {@code inFlight + 1} range buffers, allocated once and recycled,
 * whatever the object's size (no 8 MiB garbage per range for the collector to chase). Ranges arrive in order; a
 * failed range surfaces, typed, when the reader reaches it.
 */
final class RangedObjectStream extends InputStream {

    /** Fills {@code into[0, length)} with {@code [start, start + length)} of one pinned version, or throws typed. */
    @FunctionalInterface
    interface RangeFetcher {
        void fetch(long start, byte[] into, int length);
    }

    private record Chunk(byte[] buffer, int length) {}

    private final RangeFetcher fetcher;
    private final long size;
    private final int rangeSize;
    private final int inFlight;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Chunk>> ahead = new ArrayDeque<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private long nextStart;
    private Chunk current;
    private int position;
    private boolean closed;

    /**
     * @param first       a buffer of {@code rangeSize} bytes holding the object's first range, already fetched (so that
     *                    open-time failures surface at open); it joins the recycled buffers
     * @param firstLength how many bytes of {@code first} the object filled
     * @param size        the whole object's size in bytes
     */
    RangedObjectStream(RangeFetcher fetcher, byte[] first, int firstLength, long size, int rangeSize, int inFlight) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.size = size;
        this.rangeSize = rangeSize;
        this.inFlight = inFlight;
        this.current = new Chunk(first, firstLength);
        this.nextStart = firstLength;
        this.pool = Executors.newFixedThreadPool(
                inFlight, Thread.ofPlatform().daemon().name("s3-range-", 0).factory());
        scheduleAhead();
    }

    @Override
    public int read() {
        if (!ensureData()) {
            return -1;
        }
        return current.buffer()[position++] & 0xFF;
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
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.buffer(), position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ahead.forEach(future -> future.cancel(true));
            ahead.clear();
            free.clear();
            pool.shutdownNow();
            current = null;
        }
    }

    private boolean ensureData() {
        if (closed) {
            throw new IllegalStateException("the object stream is closed");
        }
        while (position == current.length()) {
            Future<Chunk> next = ahead.poll();
            if (next == null) {
                return false;
            }
            free.push(current.buffer()); // fully read: the next range may reuse it
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
            // At most inFlight ranges ahead plus the current one: never more than inFlight + 1 buffers exist.
            byte[] buffer = free.isEmpty() ? new byte[rangeSize] : free.pop();
            ahead.add(pool.submit(() -> {
                fetcher.fetch(start, buffer, length);
                return new Chunk(buffer, length);
            }));
            nextStart += length;
        }
    }

    private static Chunk await(Future<Chunk> range) {
        try {
            return range.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // already typed by the fetcher
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
