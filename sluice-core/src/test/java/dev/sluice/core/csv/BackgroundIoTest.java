package dev.sluice.core.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IoMode#BACKGROUND_THREADS}: failures of the reading and writing threads reach the caller as the same
 * exceptions, the threads are gone when {@link CsvFilter#filter} returns or throws, and streams are never closed.
 * (That it gives the same bytes and counts as the caller-thread mode is pinned by the boundary and property tests;
 * threads blocked in a read or a write by {@code ReadAheadInputTest} and {@code BackgroundWriterTest}.)
 */
class BackgroundIoTest {
    private static final List<String> THREAD_NAMES = List.of("sluice-read-ahead", "sluice-writer");
    private static final CsvFilter FILTER = CsvFilter.of(FilterRule.defaults()).withIo(IoMode.BACKGROUND_THREADS);
    private static final int SMALL_BUFFER = 64; // many chunks for a few kB of input

    /** 5,000 rows, about half of them kept: many chunks and many writer batches at a small buffer size. */
    private static final String CSV = "a,b\n" + "1.5,x\n9.5,\"y, z\"\n".repeat(2_500);

    @AfterEach
    void noThreadIsLeft() {
        assertThat(liveIoThreads()).as("background I/O threads still alive").isEmpty();
    }

    private static List<String> liveIoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(THREAD_NAMES::contains)
                .toList();
    }

    private static FilterSummary filter(InputStream in, OutputStream out, FilterRule rule) throws IOException {
        return new FilterEngine(rule, in, out, SMALL_BUFFER, IoMode.BACKGROUND_THREADS).run();
    }

    @Test
    void givesTheSameBytesAndCountsAsTheCallerThreadAcrossManyChunks() throws IOException {
        ByteArrayOutputStream background = new ByteArrayOutputStream();
        ByteArrayOutputStream caller = new ByteArrayOutputStream();

        FilterSummary b = filter(input(CSV), background, FilterRule.defaults());
        FilterSummary c = new FilterEngine(FilterRule.defaults(), input(CSV), caller, SMALL_BUFFER).run();

        assertThat(background.toString(UTF_8)).isEqualTo(caller.toString(UTF_8)).startsWith("a,b\n9.5,\"y, z\"\n9.5,");
        assertThat(List.of(b.rowsRead(), b.rowsKept(), b.nonNumericCells(), b.bytesIn(), b.bytesOut()))
                .isEqualTo(List.of(c.rowsRead(), c.rowsKept(), c.nonNumericCells(), c.bytesIn(), c.bytesOut()));
        assertThat(b.rowsKept()).isEqualTo(2_500);
    }

    @Test
    void aSlowTargetAndAnInputThatTricklesInGiveTheSameBytesAsTheCallerThread() throws IOException {
        ByteArrayOutputStream caller = new ByteArrayOutputStream();
        new FilterEngine(FilterRule.defaults(), input(CSV), caller, SMALL_BUFFER).run();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream slow = new OutputStream() { // the writer falls behind: the filter waits for free buffers
                    @Override
                    public void write(int b) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        LockSupport.parkNanos(20_000);
                        written.write(b, off, len);
                    }
                };
        InputStream trickle = new FilterInputStream(input(CSV)) { // short reads of 1..13 bytes
                    private int calls;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return super.read(b, off, Math.min(len, 1 + calls++ % 13));
                    }
                };

        filter(trickle, slow, FilterRule.defaults());

        assertThat(written.toString(UTF_8)).isEqualTo(caller.toString(UTF_8));
    }

    @Test
    void aReadFailureIsThrownAsTheSameException() {
        IOException failure = new IOException("disk gone");

        assertThatThrownBy(
                        () -> filter(failingAfter(1_000, failure), new ByteArrayOutputStream(), FilterRule.defaults()))
                .isSameAs(failure);
    }

    @Test
    void anUncheckedReadFailureIsThrownAsTheSameException() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("connection reset"));

        assertThatThrownBy(() -> FILTER.filter(failingAfter(10, failure), new ByteArrayOutputStream()))
                .isSameAs(failure);
    }

    @Test
    void aWriteFailureIsThrownAsTheSameException() {
        IOException failure = new IOException("No space left on device");
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw failure;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };

        assertThatThrownBy(() -> filter(input(CSV), full, FilterRule.defaults()))
                .isSameAs(failure);
        assertThatThrownBy(() -> FILTER.filter(input("h\n9\n"), full)).isSameAs(failure); // found at the final flush
    }

    @Test
    void aCsvErrorInTheMiddleStopsBothThreads() {
        String ragged = CSV + "1,2,3\n" + CSV;
        FilterRule strict = FilterRule.defaults().withRagged(RaggedRowPolicy.REJECT);

        assertThatThrownBy(() -> filter(input(ragged), new ByteArrayOutputStream(), strict))
                .isInstanceOf(RaggedRowException.class)
                .hasMessageStartingWith("line 5002: row has 3 cells but the header has 2");
    }

    @Test
    void neitherStreamIsClosedAndTheOutputIsFlushed() throws IOException {
        AtomicBoolean inClosed = new AtomicBoolean();
        AtomicBoolean outClosed = new AtomicBoolean();
        AtomicBoolean outFlushed = new AtomicBoolean();
        InputStream in = new FilterInputStream(input(CSV)) {
            @Override
            public void close() {
                inClosed.set(true);
            }
        };
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                outFlushed.set(true);
            }

            @Override
            public void close() {
                outClosed.set(true);
            }
        };

        FILTER.filter(in, out);

        assertThat(List.of(inClosed.get(), outClosed.get(), outFlushed.get())).containsExactly(false, false, true);
    }

    private static InputStream input(String csv) {
        return new ByteArrayInputStream(csv.getBytes(UTF_8));
    }

    /** Gives {@code bytes} bytes of {@link #CSV}, then throws {@code failure}. */
    private static InputStream failingAfter(int bytes, Exception failure) {
        byte[] data = CSV.substring(0, bytes).getBytes(UTF_8);
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == data.length) {
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) failure;
                }
                int n = Math.min(len, data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
