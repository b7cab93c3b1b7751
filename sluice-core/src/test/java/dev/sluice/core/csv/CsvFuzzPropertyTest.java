package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.IOException;
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
        assertThat(AgainstReference.engine(input, rule, Math.min(bufferSize, limit), limit, io))
                .isEqualTo(AgainstReference.reference(input, rule, limit));
    }

    @Property(tries = 800)
    void readerOfByteSoupEqualsReference(@ForAll("soups") String input, @ForAll("bufferSizes") int bufferSize)
            throws IOException {
        assertThat(AgainstReference.readAll(input, bufferSize)).isEqualTo(AgainstReference.referenceRecords(input));
    }
}
