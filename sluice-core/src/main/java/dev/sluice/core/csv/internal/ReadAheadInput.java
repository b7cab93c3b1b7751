package dev.sluice.core.csv.internal;

import dev.sluice.core.csv.RecordTooLongException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link RecordInput} whose reads run on a background thread: while the parser scans one chunk, the thread reads
 * the next ones into a small ring of fixed arrays (constant memory: {@link #CHUNKS} arrays of twice the chunk size).
 * Each array has {@code chunkSize} bytes of headroom before its data, so the record that straddles the end of a
 * chunk is copied in front of the next chunk's data instead of the data being moved or copied: the only copy of the
 * input is the {@code read} itself. A record longer than the headroom goes to a separate array that grows as needed
 * (up to the record limit, like {@link ByteInput}).
 *
 * <p>Errors of the reading thread ({@link IOException} or unchecked) are thrown by {@link #fill} or {@link #start}
 * on the parser's thread, as they are. {@link #close} stops the thread; it never closes the stream.
 */
public final class ReadAheadInput implements RecordInput {
    /** Three arrays: one being scanned, one read ahead, one being read into. More measured no faster. */
    static final int CHUNKS = 3;
    /** How long {@link #close} waits for the thread: a read from a pipe can block for good, and it is a daemon. */
    private static final long STOP_WAIT_MILLIS = 1_000;

    private final int chunkSize;
    private final int maxRecordBytes;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    /** Chunks read, in input order; as many slots as chunks, so the reading thread never waits to hand one over. */
    private final BlockingQueue<Chunk> ready = new ArrayBlockingQueue<>(CHUNKS);

    private final Thread reader;
    private volatile boolean stopped;

    private byte[] buf;
    private boolean ringArray;
    private byte[] overflow = new byte[0];
    private int limit;
    private boolean eof;
    private boolean bom;
    private long bytesRead;

    /** A chunk's data is {@code array[headroom, headroom + length)}; {@code error} ends the input with a failure. */
    private record Chunk(byte[] array, int length, boolean last, Throwable error) {}

    public ReadAheadInput(InputStream in, int bufferSize, int maxRecordBytes) {
        if (bufferSize < 1 || maxRecordBytes < bufferSize) {
            throw new IllegalArgumentException("bad buffer sizes " + bufferSize + "/" + maxRecordBytes);
        }
        this.chunkSize = Math.max(bufferSize, ByteInput.MIN_BUFFER_SIZE);
        this.maxRecordBytes = maxRecordBytes;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[2 * chunkSize + ByteInput.PADDING]);
        }
        this.reader = Thread.ofPlatform().name("sluice-read-ahead").daemon().unstarted(() -> readAll(in));
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

    @Override
    public int start() throws IOException {
        reader.start();
        Chunk first = next();
        use(first);
        Encodings.rejectForeignBom(buf, chunkSize, limit);
        bom = ByteInput.hasBom(buf, chunkSize, limit);
        return chunkSize + (bom ? ByteInput.UTF8_BOM.length : 0);
    }

    @Override
    public boolean startsWithBom() {
        return bom;
    }

    @Override
    public int fill(int keepFrom, long recordLine) throws IOException {
        int kept = limit - keepFrom;
        if (eof) { // nothing more will come: keep the window as it is
            return keepFrom;
        }
        if (kept > maxRecordBytes) { // == may still end at the limit (see ByteInput#grow); parsers check the end
            throw new RecordTooLongException(maxRecordBytes, recordLine);
        }
        Chunk next = next();
        if (kept <= chunkSize) {
            System.arraycopy(buf, keepFrom, next.array(), chunkSize - kept, kept);
            release();
            use(next);
            return chunkSize - kept;
        }
        // A record longer than the headroom: kept bytes and the new chunk go to the overflow array.
        int needed = kept + next.length() + ByteInput.PADDING;
        if (overflow.length < needed) {
            byte[] bigger = new byte
                    [Math.max(needed, Math.min(2 * overflow.length, maxRecordBytes + chunkSize + ByteInput.PADDING))];
            System.arraycopy(buf, keepFrom, bigger, 0, kept);
            overflow = bigger;
        } else {
            System.arraycopy(buf, keepFrom, overflow, 0, kept); // same array or a ring one: arraycopy handles overlap
        }
        System.arraycopy(next.array(), chunkSize, overflow, kept, next.length());
        release();
        free.add(next.array());
        buf = overflow;
        ringArray = false;
        limit = kept + next.length();
        eof = next.last();
        bytesRead += next.length();
        buf[limit] = '\n';
        return 0;
    }

    /**
     * Stops the reading thread after its current read, if any. No interrupt: it would close an interruptible channel
     * under the caller's stream. The thread is a daemon: a read blocked on a pipe does not keep the JVM alive.
     */
    @Override
    public void close() {
        stopped = true;
        free.offer(new byte[0]); // wakes the thread if it waits for an array
        try {
            reader.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void use(Chunk chunk) {
        buf = chunk.array();
        ringArray = true;
        limit = chunkSize + chunk.length();
        eof = chunk.last();
        bytesRead += chunk.length();
        buf[limit] = '\n'; // sentinel: every scan for a line end stops at limit at the latest
    }

    /** Gives the current array back to the reading thread, unless it is the overflow array. */
    private void release() {
        if (ringArray) {
            free.add(buf);
        }
    }

    private Chunk next() throws IOException {
        Chunk chunk;
        try {
            chunk = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input");
        }
        if (chunk.error() != null) {
            eof = true;
            throw rethrow(chunk.error());
        }
        return chunk;
    }

    private static IOException rethrow(Throwable error) {
        return switch (error) {
            case IOException io -> io;
            case RuntimeException unchecked -> throw unchecked;
            case Error fatal -> throw fatal;
            default -> new IOException(error);
        };
    }

    /** The reading thread: fills free arrays after their headroom until the input ends or fails. */
    private void readAll(InputStream in) {
        try {
            while (true) {
                byte[] array = free.take();
                if (stopped) {
                    return;
                }
                int length = 0;
                boolean last = false;
                while (length < chunkSize) {
                    int n = in.read(array, chunkSize + length, chunkSize - length);
                    if (n < 0) {
                        last = true;
                        break;
                    }
                    length += n;
                }
                ready.add(new Chunk(array, length, last, null));
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // not ours to interrupt; stop reading
        } catch (Throwable e) { // handed to the parser's thread, which reports it
            ready.add(new Chunk(null, 0, true, e));
        }
    }
}
