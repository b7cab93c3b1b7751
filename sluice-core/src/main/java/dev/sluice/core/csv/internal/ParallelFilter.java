package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.FilterRule;
import dev.sluice.core.csv.FilterSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One filter run over a file with several threads, giving exactly the output, summary and errors of a
 * {@link FilterEngine} run over the same bytes.
 *
 * <p>The caller's thread reads the header, then cuts the rest into chunks of about {@code chunkSize} bytes, each
 * starting right after a line feed: a guess, since that line feed may sit inside a quoted field. Worker threads
 * filter the chunks into memory, each stopping at the first record start at or after the next chunk's start. The
 * caller's thread takes the results in file order: a chunk is used only when it started where the previous one
 * really stopped, which makes every used chunk's parse the sequential one (a parse depends only on where it starts).
 * A chunk whose guess was wrong, or that failed, is filtered again on the caller's thread from the true position,
 * so a bad guess costs time, never output, and an error is raised in file order with its line in the whole file.
 *
 * <p>When no line feed is found within {@link #BOUNDARY_WINDOW} bytes of a chunk's nominal start (CR-only line ends,
 * very long records), the rest of the file is filtered on the caller's thread. Memory: two buffers of about a chunk
 * per chunk in flight, at most {@code threads + 2} chunks: one per worker, one being written and one done
 * and waiting, which keeps every worker busy while the writer catches up.
 */
public final class ParallelFilter {
    /** Large enough that per-chunk work (a task, a read, a write) is noise, small enough to keep memory low. */
    public static final int DEFAULT_CHUNK_SIZE = 2 << 20;
    /** How far past a chunk's nominal start a line feed is looked for before giving up on splitting. */
    static final int BOUNDARY_WINDOW = 64 << 10;
    /** Header reads: a header longer than this grows the buffer like any long record. */
    private static final int HEADER_BUFFER_SIZE = 64 << 10;
    /**
     * Bytes per read system call, through a direct buffer per thread: reading into a heap array directly makes the
     * JDK allocate a native buffer of the read's size on each call (see {@link PiecewiseWrites} for the same on writes).
     */
    private static final int READ_SIZE = 256 << 10;
    /** Bytes read at a time while looking for a chunk's first line feed. */
    private static final int BOUNDARY_STEP = 4 << 10;

    private final FilterRule rule;
    private final int threads;
    private final int chunkSize;
    private final int boundaryWindow;
    private final int maxRecordBytes;
    // Reused across chunks: allocating two chunk-sized arrays per chunk would make the heap (and RSS) grow.
    private final ConcurrentLinkedQueue<byte[]> inputBuffers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<byte[]> outputBuffers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffersAllocated = new AtomicInteger();
    private final ByteBuffer window = ByteBuffer.allocate(BOUNDARY_STEP); // the caller's thread's, for boundary()
    private final ThreadLocal<ByteBuffer> readBuffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_SIZE));

    public ParallelFilter(FilterRule rule, int threads, int maxRecordBytes) {
        this(rule, threads, DEFAULT_CHUNK_SIZE, BOUNDARY_WINDOW, maxRecordBytes);
    }

    /** With chunk and window sizes of its own: tests use a few bytes to cut small inputs at every place. */
    public ParallelFilter(FilterRule rule, int threads, int chunkSize, int boundaryWindow, int maxRecordBytes) {
        if (threads < 1 || chunkSize < 1 || boundaryWindow < 1) {
            throw new IllegalArgumentException(
                    "bad parallel filter sizes " + threads + "/" + chunkSize + "/" + boundaryWindow);
        }
        this.rule = rule;
        this.threads = threads;
        this.chunkSize = chunkSize;
        this.boundaryWindow = boundaryWindow;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Filters {@code in} (read with positional reads; its position is not used) into {@code out}, then flushes it. */
    public FilterSummary run(FileChannel in, OutputStream out) throws IOException {
        long started = System.nanoTime();
        Totals totals = new Totals();
        ByteInput headerInput =
                new ByteInput(channelInput(in, 0), Math.min(HEADER_BUFFER_SIZE, maxRecordBytes), maxRecordBytes);
        FilterEngine header =
                FilterEngine.forHeader(rule, headerInput, OutputSink.direct(totals.counting(out)), maxRecordBytes);
        long position = header.runHeader();
        FilterEngine.Columns columns = header.columns();
        totals.line = header.line();
        if (in.size() - position > chunkSize) { // else one chunk: no thread is worth starting
            ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
            try {
                position = filterChunks(in, out, columns, position, pool, totals);
            } finally {
                pool.shutdownNow();
            }
        }
        if (position < in.size()) { // no line feed near a chunk start: the rest on this thread
            position = filterSegment(in, out, columns, position, Long.MAX_VALUE, totals);
        }
        out.flush();
        return new FilterSummary(
                totals.rowsRead,
                totals.rowsKept,
                totals.raggedRows,
                totals.nonNumericCells,
                position,
                totals.bytesOut,
                Duration.ofNanos(System.nanoTime() - started),
                columns.duplicates());
    }

    /** Dispatches chunks and takes their results in order; returns the true position where the last one stopped. */
    private long filterChunks(
            FileChannel in,
            OutputStream out,
            FilterEngine.Columns columns,
            long position,
            ExecutorService pool,
            Totals totals)
            throws IOException {
        long size = in.size();
        int maxInFlight = threads + 2;
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        long next = position; // where the next chunk to dispatch starts (a guess, except for the first)
        boolean split = true;
        while (true) {
            while (split && next < size && inFlight.size() < maxInFlight) {
                long stop = boundary(in, next + chunkSize, size);
                if (stop < 0) {
                    split = false; // the caller filters the rest on its thread
                    break;
                }
                long start = next;
                inFlight.add(pool.submit(() -> filterChunk(in, columns, start, stop)));
                next = stop;
            }
            if (inFlight.isEmpty()) {
                return position;
            }
            Chunk chunk = take(inFlight.removeFirst());
            if (chunk.start == position && chunk.failure == null) {
                PiecewiseWrites.write(out, chunk.output.bytes(), 0, chunk.output.size());
                totals.add(chunk);
                position = chunk.end;
            } else { // a wrong guess, or an error to raise in order with its true line
                position = filterSegment(in, out, columns, position, chunk.stop, totals);
            }
            recycle(outputBuffers, chunk.output.bytes());
        }
    }

    /** Filters one chunk into memory on a worker thread; a failure is kept for the caller to replay. */
    private Chunk filterChunk(FileChannel in, FilterEngine.Columns columns, long start, long stop) {
        byte[] buffer = inputBuffer();
        byte[] outputBuffer = outputBuffers.poll();
        ChunkOutput output = new ChunkOutput(outputBuffer != null ? outputBuffer : newChunkBuffer());
        ByteInput input = new ByteInput(channelInput(in, start), buffer, maxRecordBytes);
        FilterEngine engine = FilterEngine.forSegment(
                rule, columns, input, OutputSink.direct(output), maxRecordBytes, start, stop, 1);
        try {
            long end = engine.runSegment();
            return new Chunk(start, stop, end, engine, output, null);
        } catch (IOException | RuntimeException e) {
            return new Chunk(start, stop, -1, engine, output, e);
        } finally {
            recycle(inputBuffers, input.buf());
        }
    }

    /**
     * Returns a chunk-sized array to its pool; a larger one (a record outgrew it) is let go. Every array must come back:
     * a new 2 MiB array does not fit the small young generation, so each one lost would grow the old one (and RSS).
     */
    private void recycle(ConcurrentLinkedQueue<byte[]> pool, byte[] buffer) {
        if (buffer.length == chunkBufferLength()) {
            pool.add(buffer);
        }
    }

    /** Filters {@code [position, first record start ≥ stop)} on this thread straight into {@code out}. */
    private long filterSegment(
            FileChannel in, OutputStream out, FilterEngine.Columns columns, long position, long stop, Totals totals)
            throws IOException {
        ByteInput input = new ByteInput(channelInput(in, position), inputBuffer(), maxRecordBytes);
        try {
            FilterEngine engine = FilterEngine.forSegment(
                    rule,
                    columns,
                    input,
                    OutputSink.buffered(totals.counting(out)),
                    maxRecordBytes,
                    position,
                    stop,
                    totals.line);
            long end = engine.runSegment();
            totals.addCounts(engine);
            totals.line = engine.line(); // it counted on from totals.line
            return end;
        } finally {
            recycle(inputBuffers, input.buf());
        }
    }

    /**
     * The offset after the first line feed at or after {@code from}: {@code size} when there is none before the end,
     * -1 when there is none within the boundary window.
     */
    private long boundary(FileChannel in, long from, long size) throws IOException {
        long limit = Math.min(size, from + boundaryWindow);
        long at = from;
        while (at < limit) { // a step at a time: the line feed is usually within the first row
            window.clear().limit((int) Math.min(BOUNDARY_STEP, limit - at));
            int n = in.read(window, at);
            if (n < 0) {
                break; // the file shrank: the caller's thread filters the rest
            }
            byte[] bytes = window.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    return at + i + 1;
                }
            }
            at += n;
        }
        return at >= size ? size : -1;
    }

    private byte[] inputBuffer() {
        byte[] buffer = inputBuffers.poll();
        return buffer != null ? buffer : newChunkBuffer();
    }

    private byte[] newChunkBuffer() {
        buffersAllocated.incrementAndGet();
        return new byte[chunkBufferLength()];
    }

    /** Chunk-sized arrays allocated so far: bounded by the chunks in flight, whatever the file's size. */
    public int buffersAllocated() {
        return buffersAllocated.get();
    }

    /** A chunk spans at most a chunk and a boundary window: its input and its output fit in this. */
    private int chunkBufferLength() {
        return Math.max(chunkSize + boundaryWindow, ByteInput.MIN_BUFFER_SIZE) + ByteInput.PADDING;
    }

    private ChannelInput channelInput(FileChannel in, long position) {
        return new ChannelInput(in, position, readBuffers.get());
    }

    private static Chunk take(Future<Chunk> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while filtering", e);
        } catch (ExecutionException e) { // filterChunk catches what it can; an Error lands here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "sluice-filter-" + count.incrementAndGet());
            thread.setDaemon(true); // never keeps the JVM alive after the caller gave up
            return thread;
        };
    }

    /** What a worker made of a chunk: its rows in memory, or the failure to replay on the caller's thread. */
    private record Chunk(long start, long stop, long end, FilterEngine engine, ChunkOutput output, Exception failure) {}

    /** Counts and the current line of the run, kept by the caller's thread. */
    private static final class Totals {
        long rowsRead;
        long rowsKept;
        long raggedRows;
        long nonNumericCells;
        long bytesOut;
        long line;

        /** A worker's chunk: its lines were counted from 1, its output bytes are in memory. */
        void add(Chunk chunk) {
            addCounts(chunk.engine);
            bytesOut += chunk.output.size();
            line += chunk.engine.line() - 1;
        }

        void addCounts(FilterEngine engine) {
            rowsRead += engine.rowsRead();
            rowsKept += engine.rowsKept();
            raggedRows += engine.raggedRows();
            nonNumericCells += engine.nonNumericCells();
        }

        /** {@code out}, counting what goes through it into {@link #bytesOut}. */
        OutputStream counting(OutputStream out) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytesOut++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytesOut += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }
            };
        }
    }

    /** A growable in-memory output; no locking (unlike ByteArrayOutputStream): one worker writes, then one reader. */
    static final class ChunkOutput extends OutputStream {
        private byte[] bytes;
        private int size;

        ChunkOutput(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        private void ensure(int more) {
            if (bytes.length - size < more) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /**
     * An input stream over a file channel from an offset, with positional reads (safe across threads) through a
     * direct buffer that only the calling thread uses.
     */
    static final class ChannelInput extends InputStream {
        private final FileChannel channel;
        private final ByteBuffer direct;
        private long position;

        ChannelInput(FileChannel channel, long position, ByteBuffer direct) {
            this.channel = channel;
            this.position = position;
            this.direct = direct;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            direct.clear().limit(Math.min(len, direct.capacity()));
            int n = channel.read(direct, position);
            if (n > 0) {
                direct.flip().get(b, off, n);
                position += n;
            }
            return n;
        }
    }
}
