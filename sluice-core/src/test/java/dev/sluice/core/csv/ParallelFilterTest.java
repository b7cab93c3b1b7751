package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.csv.internal.ParallelFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of several default-size chunks filtered by several threads: the same bytes, counts and errors as one thread
 * (the property test covers small inputs cut at every place; these cover the real chunk sizes and error lines).
 */
class ParallelFilterTest {
    private static final FilterRule DEFAULT_RULE = FilterRule.defaults();

    @TempDir
    Path dir;

    @Test
    void aFileOfManyChunksGivesTheSequentialOutputAndCounts() throws IOException {
        Path file = write(rows(200_000, -1));
        assertThat(Files.size(file)).isGreaterThan(2L * ParallelFilter.DEFAULT_CHUNK_SIZE);

        for (FilterRule rule : new FilterRule[] {DEFAULT_RULE, Options.rule("columns=1"), Options.rule("match=all")}) {
            assertThat(parallel(file, rule, 3)).isEqualTo(sequential(file, rule));
        }
    }

    @Test
    void quotedFieldsSpanningManyChunksAreNeverCutInside() throws IOException {
        String field = "\"" + "line, \"\"quoted\"\"\n".repeat(40) + "\"";
        StringBuilder csv = new StringBuilder("id,text,value\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(',').append(field).append(',').append(i % 10).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Path file = write(csv.toString());

        String expected = sequential(file, DEFAULT_RULE);
        assertThat(ParallelMatchesSequentialPropertyTest.run(() -> render(file, DEFAULT_RULE, 64)))
                .isEqualTo(expected)
                .contains("read=200 kept=");
    }

    @Test
    void chunkBuffersAreReusedEvenWhenManyChunkStartsGuessWrong() throws IOException {
        // Every fourth line feed is inside quotes: many chunk starts are wrong guesses, re-filtered by the caller.
        Path file = write("id,text\n" + "1,\"a\nb\nc\"\n9,x\n".repeat(20_000));
        int threads = 2;
        ParallelFilter filter = new ParallelFilter(DEFAULT_RULE, threads, 64, 64, CsvLimits.DEFAULT_MAX_RECORD_BYTES);

        try (FileChannel channel = channel(file)) {
            assertThat(filter.run(channel, OutputStream.nullOutputStream()).rowsRead())
                    .isEqualTo(40_000);
        }

        // An input and an output array per chunk in flight (threads + 2), one input for the caller's re-filters.
        assertThat(filter.buffersAllocated()).isLessThanOrEqualTo(2 * (threads + 2) + 1);
    }

    @Test
    void carriageReturnLineEndsAreFilteredByTheCallingThread() throws IOException {
        Path file = write(rows(120_000, -1).replace('\n', '\r'));

        assertThat(parallel(file, DEFAULT_RULE, 2)).isEqualTo(sequential(file, DEFAULT_RULE));
    }

    @Test
    void aRaggedRowInALaterChunkFailsWithItsLineInTheWholeFile() throws IOException {
        String csv = rows(120_000, 100_000);
        Path file = write(csv);
        FilterRule strict = DEFAULT_RULE.withRagged(RaggedRowPolicy.REJECT);

        assertThatThrownBy(() -> CsvFilter.of(strict).withThreads(2).filter(channel(file), new ByteArrayOutputStream()))
                .isInstanceOf(RaggedRowException.class)
                .hasMessage("line " + lineOf(csv, "9,short\n")
                        + ": row has 2 cells but the header has 4 (strict mode rejects ragged rows)");
        assertThat(parallel(file, strict, 2)).isEqualTo(sequential(file, strict));
    }

    @Test
    void aRecordOverTheLimitInALaterChunkFailsAsInOneThread() throws IOException {
        String rows = rows(100_000, -1);
        String tooLong = "1,\"" + "x".repeat(5_000) + "\",3,4\n";
        String csv = rows + tooLong + rows.substring(rows.indexOf('\n') + 1);
        Path file = write(csv);
        FilterRule rule = DEFAULT_RULE;

        String expected = ParallelMatchesSequentialPropertyTest.run(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return ParallelMatchesSequentialPropertyTest.render(
                    CsvFilter.of(rule)
                            .withMaxRecordBytes(4_096)
                            .filter(new ByteArrayInputStream(Files.readAllBytes(file)), out),
                    out);
        });
        String actual = ParallelMatchesSequentialPropertyTest.run(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return ParallelMatchesSequentialPropertyTest.render(
                    CsvFilter.of(rule).withMaxRecordBytes(4_096).withThreads(2).filter(channel(file), out), out);
        });
        assertThat(actual).isEqualTo(expected).startsWith("RecordTooLongException line " + lineOf(csv, tooLong) + ": ");
    }

    @Test
    void theFileIsReadFromItsFirstByteWhateverTheChannelPosition() throws IOException {
        Path file = write(rows(1_000, -1));
        for (int threads : new int[] {1, 2}) {
            try (FileChannel channel = channel(file)) {
                channel.position(100);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FilterSummary summary =
                        CsvFilter.of(DEFAULT_RULE).withThreads(threads).filter(channel, out);
                assertThat(summary.rowsRead()).isEqualTo(1_000);
                assertThat(summary.bytesIn()).isEqualTo(Files.size(file));
            }
        }
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> CsvFilter.of(DEFAULT_RULE).withThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be positive, got 0");
    }

    /**
     * A header and {@code count} rows of numbers and quoted text (some with line feeds, CRLF ends, a BOM);
     * row {@code raggedAt} (if ≥ 0) has two cells.
     */
    private static String rows(int count, int raggedAt) {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder csv = new StringBuilder(Latin1.BOM + "reading,comment,\"qty\",score\r\n");
        for (int i = 0; i < count; i++) {
            if (i == raggedAt) {
                csv.append("9,short\n");
                continue;
            }
            csv.append(String.format("%.2f", random.nextDouble(-10, 10))).append(',');
            csv.append(random.nextInt(20) == 0 ? "\"two\nlines, \"\"q\"\"\"" : "\"plain, text\"")
                    .append(',');
            csv.append(random.nextInt(100)).append(',').append(random.nextInt(10) == 0 ? "n/a" : "3.5");
            csv.append(random.nextInt(7) == 0 ? "\r\n" : "\n");
        }
        return csv.toString();
    }

    /** The line {@code record} starts on: one more than the line feeds before it. */
    private static long lineOf(String csv, String record) {
        return csv.substring(0, csv.indexOf(record))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private Path write(String csv) throws IOException {
        Path file = Files.createTempFile(dir, "in", ".csv");
        Files.write(file, Latin1.bytes(csv));
        return file;
    }

    private static FileChannel channel(Path file) throws IOException {
        return FileChannel.open(file);
    }

    private static String parallel(Path file, FilterRule rule, int threads) {
        return ParallelMatchesSequentialPropertyTest.run(() -> {
            try (FileChannel channel = channel(file)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                return ParallelMatchesSequentialPropertyTest.render(
                        CsvFilter.of(rule).withThreads(threads).filter(channel, out), out);
            }
        });
    }

    /** Chunks of {@code chunkSize} bytes, a boundary window as large, three threads. */
    private static String render(Path file, FilterRule rule, int chunkSize) throws IOException {
        try (FileChannel channel = channel(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return ParallelMatchesSequentialPropertyTest.render(
                    new ParallelFilter(rule, 3, chunkSize, chunkSize, CsvLimits.DEFAULT_MAX_RECORD_BYTES)
                            .run(channel, out),
                    out);
        }
    }

    private static String sequential(Path file, FilterRule rule) {
        return ParallelMatchesSequentialPropertyTest.run(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            return ParallelMatchesSequentialPropertyTest.render(
                    CsvFilter.of(rule).filter(new ByteArrayInputStream(Files.readAllBytes(file)), out), out);
        });
    }
}
