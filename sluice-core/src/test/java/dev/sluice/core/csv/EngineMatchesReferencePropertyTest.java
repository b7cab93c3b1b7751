package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random CSVs filtered by the engine (at random buffer sizes, I/O on the caller's thread or on background threads)
 * give exactly what the reference gives.
 */
class EngineMatchesReferencePropertyTest {

    @Provide
    Arbitrary<String> csvs() {
        return CsvGenerators.csvs();
    }

    @Provide
    Arbitrary<FilterRule> rules() {
        return CsvGenerators.rules();
    }

    @Provide
    Arbitrary<Integer> bufferSizes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 24)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(FilterEngine.DEFAULT_BUFFER_SIZE)));
    }

    @Property(tries = 3000)
    void filterEqualsReference(
            @ForAll("csvs") String input,
            @ForAll("rules") FilterRule rule,
            @ForAll("bufferSizes") int bufferSize,
            @ForAll IoMode io) {
        assertThat(engine(input, rule, bufferSize, io)).isEqualTo(reference(input, rule));
    }

    @Property(tries = 1500)
    void readerEqualsReference(@ForAll("csvs") String input, @ForAll("bufferSizes") int bufferSize) throws IOException {
        assertThat(readAll(input, bufferSize)).isEqualTo(referenceRecords(input));
    }

    private static String engine(String input, FilterRule rule, int bufferSize, IoMode io) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FilterSummary s =
                    new FilterEngine(rule, new ByteArrayInputStream(Latin1.bytes(input)), out, bufferSize, io).run();
            return render(
                    Latin1.string(out.toByteArray()), s.rowsRead(), s.rowsKept(), s.raggedRows(), s.nonNumericCells());
        } catch (CsvException e) {
            return error(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String reference(String input, FilterRule rule) {
        try {
            ReferenceCsv.Result r = ReferenceCsv.filter(input, rule);
            return render(r.output(), r.rowsRead(), r.rowsKept(), r.raggedRows(), r.nonNumericCells());
        } catch (CsvException e) {
            return error(e);
        }
    }

    private static String render(String output, long read, long kept, long ragged, long nonNumeric) {
        return "read=" + read + " kept=" + kept + " ragged=" + ragged + " nonNumeric=" + nonNumeric + "\n" + output;
    }

    /** Malformed messages are worded by each side; type and line must agree, other messages exactly. */
    private static String error(CsvException e) {
        String message = e instanceof MalformedCsvException || e instanceof UnsupportedEncodingCsvException
                ? ""
                : e.getMessage();
        return e.getClass().getSimpleName() + " line " + e.line() + " " + message;
    }

    private static List<String> readAll(String input, int bufferSize) throws IOException {
        List<String> records = new ArrayList<>();
        try (CsvReader reader = CsvReader.ofBufferSize(new ByteArrayInputStream(Latin1.bytes(input)), bufferSize)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                r.writeRawTo(raw);
                records.add(r.line() + " " + r.fields() + " " + Latin1.string(raw.toByteArray()));
            }
        } catch (CsvException e) {
            records.add(error(e));
        }
        return records;
    }

    private static List<String> referenceRecords(String input) {
        List<String> records = new ArrayList<>();
        try {
            ReferenceCsv csv = new ReferenceCsv(input);
            for (ReferenceCsv.Rec r = csv.nextNonBlank(); r != null; r = csv.nextNonBlank()) {
                List<String> utf8 = r.fields().stream()
                        .map(f -> new String(Latin1.bytes(f), java.nio.charset.StandardCharsets.UTF_8))
                        .toList();
                records.add(r.line() + " " + utf8 + " " + r.raw());
            }
        } catch (CsvException e) {
            records.add(error(e));
        }
        return records;
    }
}
