package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The seed system's test vectors (agero), with Sluice's semantics: default rule gt 4.7 over every cell. */
class SeedFixturesTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SeedFixturesTest.class.getResourceAsStream("/seed/agero/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String filter(String name, FilterRule rule) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = SeedFixturesTest.class.getResourceAsStream("/seed/agero/" + name)) {
            CsvFilter.of(rule).filter(in, out);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void validKeepsTheRowsAbove47ByteForByteUnlikeTheSeedsFloatRendering() throws IOException {
        assertThat(filter("valid.csv", FilterRule.defaults())).isEqualTo("random_nums\n10\n123.0\n33\n12.2\n");
        // The seed (pandas) rendered 10 as 10.0 and 33 as 33.0; we do not reformat.
        assertThat(new String(resource("valid.expected.csv"))).contains("10.0");
    }

    @Test
    void validWithSeedFirstColumnSemanticsGivesTheSameRows() throws IOException {
        assertThat(filter("valid.csv", FilterRule.defaults().withColumns(ColumnSelection.parse("1"))))
                .isEqualTo("random_nums\n10\n123.0\n33\n12.2\n");
    }

    @Test
    void dirtyDropsTextAndKeeps091AsWritten() throws IOException {
        // The seed expected "09.1" too (its expected file), and dropped 4.7 (strictly greater).
        assertThat(filter("dirty.csv", FilterRule.defaults())).isEqualTo("header\n10\n09.1\n10.1\n");
        assertThat(new String(resource("dirty.expected.csv"))).isEqualTo("\nheader\n10\n09.1\n10.1\n");
    }

    @Test
    void emptyHasNoHeader() {
        assertThatThrownBy(() -> filter("empty.csv", FilterRule.defaults()))
                .isInstanceOf(NoHeaderException.class)
                .hasMessage("no header: the input is empty or has only blank lines");
    }

    @Test
    void referenceAgreesOnTheSeedFiles() throws IOException {
        for (String name : new String[] {"valid.csv", "dirty.csv"}) {
            String input = Latin1.string(resource(name));
            assertThat(filter(name, FilterRule.defaults()))
                    .isEqualTo(ReferenceCsv.filter(input, FilterRule.defaults()).output());
        }
    }
}
