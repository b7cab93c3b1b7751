package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.csv.internal.ParallelFilter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random CSVs cut into chunks of a few bytes (so that chunk starts land inside quoted fields, between a CR and its
 * LF, inside the BOM, on blank lines) and filtered by several threads give exactly the sequential engine's output,
 * counts and typed error, message included.
 */
class ParallelMatchesSequentialPropertyTest {

    @Provide
    Arbitrary<String> csvs() {
        return CsvGenerators.csvs();
    }

    @Provide
    Arbitrary<FilterRule> rules() {
        return CsvGenerators.rules();
    }

    @Provide
    Arbitrary<Integer> recordLimits() {
        return Arbitraries.of(16, 40, CsvLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    @Property(tries = 1500)
    void parallelEqualsSequential(
            @ForAll("csvs") String input,
            @ForAll("rules") FilterRule rule,
            @ForAll @IntRange(min = 1, max = 4) int threads,
            @ForAll @IntRange(min = 1, max = 40) int chunkSize,
            @ForAll @IntRange(min = 1, max = 24) int boundaryWindow,
            @ForAll("recordLimits") int limit)
            throws IOException {
        Path file = Files.createTempFile("parallel", ".csv");
        try {
            Files.write(file, Latin1.bytes(input));
            String parallel = run(() -> {
                try (FileChannel channel = FileChannel.open(file)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    return render(
                            new ParallelFilter(rule, threads, chunkSize, boundaryWindow, limit).run(channel, out), out);
                }
            });
            String sequential = run(() -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                return render(
                        CsvFilter.of(rule)
                                .withMaxRecordBytes(limit)
                                .filter(new ByteArrayInputStream(Latin1.bytes(input)), out),
                        out);
            });
            assertThat(parallel).isEqualTo(sequential);
        } finally {
            Files.delete(file);
        }
    }

    interface Run {
        String get() throws IOException;
    }

    static String run(Run run) {
        try {
            return run.get();
        } catch (CsvException e) {
            return e.getClass().getSimpleName() + " line " + e.line() + ": " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(FilterSummary s, ByteArrayOutputStream out) {
        return "read=%d kept=%d ragged=%d nonNumeric=%d in=%d out=%d duplicates=%s%n%s"
                .formatted(
                        s.rowsRead(),
                        s.rowsKept(),
                        s.raggedRows(),
                        s.nonNumericCells(),
                        s.bytesIn(),
                        s.bytesOut(),
                        s.duplicateColumns(),
                        Latin1.string(out.toByteArray()));
    }
}
