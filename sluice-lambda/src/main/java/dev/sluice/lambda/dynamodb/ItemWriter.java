package dev.sluice.lambda.dynamodb;

import dev.sluice.aws.failure.TransientFailure;
import dev.sluice.core.mapping.MappedRow;
import dev.sluice.core.mapping.RowKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Writes items with at most {@code concurrency} requests in flight, in the order rows come, with the guarantee that
 * the last row of a key wins: a row whose key is still being written waits for that write to finish before it is
 * sent. Memory is bounded by the requests in flight. One reader thread calls {@link #add} and {@link #finish}.
 *
 * <p>A write that fails beyond its retries stops the writer; {@link #finish} then throws, so the invocation fails and
 * is retried (every write is idempotent, so the retry converges to the same table).
 */
abstract sealed class ItemWriter implements AutoCloseable permits BatchPutWriter, MergeWriter {

    /** A single write unit: one BatchWriteItem request or one UpdateItem. */
    @FunctionalInterface
    interface Write {
        void run() throws InterruptedException;
    }

    private final ExecutorService executor;
    private final Semaphore permits;
    private final Map<RowKey, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean stopped;
    private final Backoff backoff;

    ItemWriter(int concurrency, Backoff backoff) {
        this.executor = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "dynamodb-writer");
            t.setDaemon(true);
            return t;
        });
        this.permits = new Semaphore(concurrency);
        this.backoff = backoff;
    }

    /** Accepts one row's item; may block while {@code concurrency} writes are in flight. */
    abstract void add(MappedRow.Item item) throws InterruptedException;

    /** Sends what is pending and waits for every write; throws the first write failure. */
    void finish() throws InterruptedException {
        flushPending();
        for (CompletableFuture<Void> f : Set.copyOf(running)) {
            awaitQuietly(f);
        }
        throwIfFailed();
    }

    /** Retries (unprocessed items, throttling) so far: the WriteRetries count. */
    long retries() {
        return retries.get();
    }

    abstract void flushPending() throws InterruptedException;

    /** Blocks until no write of {@code key} is in flight, so the next write of it lands after the previous one. */
    protected void awaitKey(RowKey key) {
        CompletableFuture<Void> f = inFlight.get(key);
        if (f != null) {
            awaitQuietly(f);
            throwIfFailed();
        }
    }

    /** Starts {@code write} of {@code keys} once a slot is free. */
    protected void submit(Iterable<RowKey> keys, Write write) throws InterruptedException {
        throwIfFailed();
        permits.acquire();
        CompletableFuture<Void> done = new CompletableFuture<>();
        keys.forEach(k -> inFlight.put(k, done));
        running.add(done);
        try {
            executor.execute(() -> run(keys, write, done));
        } catch (RuntimeException e) {
            release(keys, done);
            throw e;
        }
    }

    private void run(Iterable<RowKey> keys, Write write, CompletableFuture<Void> done) {
        try {
            if (!stopped) {
                write.run();
            }
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new TransientFailure("WRITE_INTERRUPTED", "a DynamoDB write was interrupted", e), done);
        } catch (RuntimeException e) {
            fail(e, done);
        } catch (Error e) { // e.g. OutOfMemoryError: the reader must not wait forever for this write
            fail(new TransientFailure("WRITE_FAILED", "a DynamoDB write failed: " + e, e), done);
            throw e;
        } finally {
            release(keys, done);
        }
    }

    private void fail(RuntimeException e, CompletableFuture<Void> done) {
        failure.compareAndSet(null, e);
        stopped = true;
        done.completeExceptionally(e);
    }

    private void release(Iterable<RowKey> keys, CompletableFuture<Void> done) {
        keys.forEach(k -> inFlight.remove(k, done));
        running.remove(done);
        permits.release();
    }

    /** Counts one retry and waits before it; throws once the attempts are used up. */
    protected void beforeRetry(int attempt, String what) throws InterruptedException {
        if (attempt + 1 >= backoff.maxAttempts()) {
            throw new TransientFailure(
                    "WRITE_RETRIES_EXHAUSTED",
                    what + " after " + backoff.maxAttempts() + " attempts; the invocation fails so the file is retried",
                    null);
        }
        if (stopped) {
            throw new TransientFailure("WRITE_ABANDONED", what + "; another write already failed", null);
        }
        retries.incrementAndGet();
        backoff.pause(attempt);
    }

    static boolean isThrottling(RuntimeException e) {
        return e instanceof SdkServiceException s && s.isThrottlingException();
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            // the failure is kept in `failure` and rethrown by the caller
        }
    }

    /** Stops sending and waits for writes already started (they end at their next retry). */
    @Override
    public void close() {
        stopped = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
