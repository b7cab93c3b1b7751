package dev.sluice.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvGeneratorTest {

    private static final long SIZE = 2_000_000;

    @Test
    void sameSeedGivesSameBytes() throws IOException {
        assertThat(generate(42, SIZE)).isEqualTo(generate(42, SIZE));
    }

    @Test
    void differentSeedsGiveDifferentBytes() throws IOException {
        assertThat(generate(42, SIZE)).isNotEqualTo(generate(43, SIZE));
    }

    @Test
    void aSmallerFileIsAPrefixOfALargerOneWithTheSameSeed() throws IOException {
        String small = new String(generate(7, 100_000), StandardCharsets.UTF_8);
        assertThat(new String(generate(7, SIZE), StandardCharsets.UTF_8)).startsWith(small);
    }

    @Test
    void neverExceedsTheSizeAndEndsWithAWholeRow() throws IOException {
        byte[] bytes = generate(42, SIZE);
        assertThat(bytes.length).isLessThanOrEqualTo((int) SIZE).isGreaterThan((int) SIZE - 512);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void everyRowHasNineCellsUnderRfc4180AndAboutOnePercentAreEmpty() throws IOException {
        List<List<String>> rows = parse(new String(generate(42, SIZE), StandardCharsets.UTF_8));
        assertThat(rows.getFirst())
                .containsExactly(
                        "reading",
                        "customer",
                        "order_date",
                        "quantity",
                        "unit_price",
                        "city",
                        "delta",
                        "comment",
                        "score");
        long cells = 0;
        long empty = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(9);
            cells += row.size();
            empty += row.stream().filter(String::isEmpty).count();
        }
        assertThat((double) empty / cells).isBetween(0.007, 0.013);
    }

    @Test
    void theFirstColumnMixesEveryNumberShapeAroundTheThreshold() throws IOException {
        String text = new String(generate(42, SIZE), StandardCharsets.UTF_8);
        List<String> readings = parse(text).stream().skip(1).map(List::getFirst).toList();
        assertThat(readings)
                .anyMatch(s -> s.matches("-\\d+\\.\\d+")) // negative decimals
                .anyMatch(s -> s.matches("-?\\d+")) // integers
                .anyMatch(s -> s.matches("\\d\\.\\d\\d[eE][+-]?\\d")) // scientific notation
                .anyMatch(s -> s.matches("0\\d\\.\\d")) // leading zero, e.g. 09.1
                .contains("4.7", "n/a", "NaN");
        assertThat(text)
                .contains("\n\"") // quoted numbers in the first column
                .contains("\"\"urgent\"\"") // doubled quotes
                .contains("\"Smith, John\""); // commas inside quotes
        long above = readings.stream()
                .filter(s -> s.matches("-?\\d+(\\.\\d+)?"))
                .filter(s -> Double.parseDouble(s) > 4.7)
                .count();
        assertThat((double) above / readings.size()).isBetween(0.15, 0.6);
    }

    @Test
    void generateWritesTheFileAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sub/data.csv");
        long written = CsvGenerator.generate(out, 300_000, 42);
        assertThat(out).hasSize(written);
        assertThat(Files.readAllBytes(out)).isEqualTo(generate(42, 300_000));
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void sizesUseDecimalAndBinaryUnits() {
        assertThat(CsvGenerator.Options.parseSize("200MB")).isEqualTo(200_000_000L);
        assertThat(CsvGenerator.Options.parseSize("1GB")).isEqualTo(1_000_000_000L);
        assertThat(CsvGenerator.Options.parseSize("64KiB")).isEqualTo(65_536L);
        assertThat(CsvGenerator.Options.parseSize("5gib")).isEqualTo(5L << 30);
        assertThat(CsvGenerator.Options.parseSize("123")).isEqualTo(123L);
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> CsvGenerator.Options.parse("--size", "lots", "out.csv"))
                .hasMessage("bad --size 'lots' (expected e.g. 200MB, 1GB, 64KiB)");
        assertThatThrownBy(() -> CsvGenerator.Options.parse("--size", "1MB", "--seed", "x", "out.csv"))
                .hasMessage("bad --seed 'x' (expected an integer)");
        assertThatThrownBy(() -> CsvGenerator.Options.parse("out.csv")).hasMessage("--size is required");
        assertThatThrownBy(() -> CsvGenerator.Options.parse("--size", "1MB")).hasMessage("OUT is required");
        assertThatThrownBy(() -> new CsvGenerator(1).writeTo(new ByteArrayOutputStream(), 10))
                .hasMessageContaining("smaller than the header");
    }

    private static byte[] generate(long seed, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvGenerator(seed).writeTo(out, size);
        return out.toByteArray();
    }

    /** A plain RFC 4180 reader, independent of the engine, to check the generator's own output. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
