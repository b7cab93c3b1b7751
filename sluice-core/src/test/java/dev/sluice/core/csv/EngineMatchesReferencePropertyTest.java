package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.IOException;
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
        int limit = CsvLimits.DEFAULT_MAX_RECORD_BYTES;
        assertThat(AgainstReference.engine(input, rule, bufferSize, limit, io))
                .isEqualTo(AgainstReference.reference(input, rule, limit));
    }

    @Property(tries = 1500)
    void readerEqualsReference(@ForAll("csvs") String input, @ForAll("bufferSizes") int bufferSize) throws IOException {
        assertThat(AgainstReference.readAll(input, bufferSize)).isEqualTo(AgainstReference.referenceRecords(input));
    }
}
