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
import net.jqwik.api.Tuple;

/**
 * Byte soup (no CSV structure at all) through the engine and the reader, against the reference: any mix of CR, LF,
 * NUL, quotes, commas, numbers, non-ASCII bytes and byte order marks (UTF-8, UTF-16/32 and others) at the start, at
 * random buffer sizes and record size limits, gives exactly the reference's output and counts, or the same typed
 * error on the same line. Nothing else may happen: no other exception, no silent difference. Fast enough for the
 * default build (a few seconds).
 */
class CsvFuzzPropertyTest {

    /** Bytes that mean something to the grammar or the encoding checks, and a few that do not. */
    private static final String ALPHABET = "\r\n\r\n\u0000\",,\"5.9e-+ a\t\u00ff\u00fe\u00ef\u00bb\u00bf\u0080\u00e9";

    @Provide
    Arbitrary<String> soups() {
        Arbitrary<String> start = Arbitraries.of(
                "",
                "",
                "",
                Latin1.BOM,
                "\u00ff\u00fe", // UTF-16LE
                "\u00fe\u00ff", // UTF-16BE
                "\u00ff\u00fe\u0000\u0000", // UTF-32LE
                "\u0000\u0000\u00fe\u00ff", // UTF-32BE
                "a,b\n", // a plain header, so that data rows get filtered too
                "a,b\r",
                "a\u0000,\u0000b\u0000\n\u0000"); // UTF-16LE without a byte order mark
        Arbitrary<String> body = Arbitraries.strings().withChars(ALPHABET).ofMaxLength(80);
        return start.flatMap(s -> body.map(b -> s + b));
    }

    @Provide
    Arbitrary<FilterRule> rules() {
        return CsvGenerators.rules();
    }

    @Provide
    Arbitrary<Integer> bufferSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 24)),
                Tuple.of(1, Arbitraries.just(FilterEngine.DEFAULT_BUFFER_SIZE)));
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(CsvLimits.DEFAULT_MAX_RECORD_BYTES)),
                Tuple.of(2, Arbitraries.integers().between(4, 40)));
    }

    @Property(tries = 1500)
    void filterOfByteSoupEqualsReference(
            @ForAll("soups") String input,
            @ForAll("rules") FilterRule rule,
            @ForAll("bufferSizes") int bufferSize,
            @ForAll("limits") int limit,
            @ForAll IoMode io) {
        assertThat(engine(input, rule, Math.min(bufferSize, limit), limit, io))
                .isEqualTo(reference(input, rule, limit));
    }

    @Property(tries = 800)
    void readerOfByteSoupEqualsReference(@ForAll("soups") String input, @ForAll("bufferSizes") int bufferSize)
            throws IOException {
        assertThat(readAll(input, bufferSize)).isEqualTo(referenceRecords(input));
    }

    private static String engine(String input, FilterRule rule, int bufferSize, int limit, IoMode io) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FilterSummary s = new FilterEngine(
                            rule, new ByteArrayInputStream(Latin1.bytes(input)), out, bufferSize, limit, io)
                    .run();
            return render(
                    Latin1.string(out.toByteArray()), s.rowsRead(), s.rowsKept(), s.raggedRows(), s.nonNumericCells());
        } catch (CsvException e) {
            return error(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String reference(String input, FilterRule rule, int limit) {
        try {
            ReferenceCsv.Result r = ReferenceCsv.filter(input, rule, limit);
            return render(r.output(), r.rowsRead(), r.rowsKept(), r.raggedRows(), r.nonNumericCells());
        } catch (CsvException e) {
            return error(e);
        }
    }

    private static String render(String output, long read, long kept, long ragged, long nonNumeric) {
        return "read=" + read + " kept=" + kept + " ragged=" + ragged + " nonNumeric=" + nonNumeric + "\n" + output;
    }

    /** Malformed and encoding messages are worded by each side; type and line must agree, other messages exactly. */
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
