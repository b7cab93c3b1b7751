package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvNumbersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5",
                "+5",
                "-5",
                "5.",
                ".5",
                "5.5",
                "09.1",
                "1e5",
                "1E-5",
                "1.5e+3",
                " 5 ",
                "\t5\t",
                "-0",
                "0.000",
                "123456789012345678901234567890",
                "1e400",
                "4.7000000000000007"
            })
    void acceptsTheGrammar(String cell) {
        assertThat(CsvNumbers.isNumeric(cell)).isTrue();
        assertThat(CsvNumbers.parse(cell)).hasValue(Double.parseDouble(cell.strip()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "NaN",
                "nan",
                "inf",
                "Infinity",
                "-Infinity",
                "0x10",
                "1,000",
                "$5",
                "5%",
                "5d",
                "5f",
                "1_000",
                "--5",
                "+-5",
                "5 5",
                "5e",
                "e5",
                ".",
                "-",
                ".e1",
                "5.5.5",
                "\u0665",
                "\uff15",
                "5\r",
                "\n5",
                "\"5\""
            })
    void rejectsEverythingElse(String cell) {
        assertThat(CsvNumbers.isNumeric(cell)).isFalse();
        assertThat(CsvNumbers.parse(cell)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.7000000000000004", "4.7000000000000002", "4.7000000000000006"})
    void valuesAreCorrectlyRoundedLikeParseDouble(String cell) {
        // These round to the double 4.7 itself: the next double up is 4.700000000000001.
        assertThat(CsvNumbers.parse(cell)).hasValue(4.7);
    }

    @Property(tries = 2000)
    void fastPathAgreesWithParseDoubleOnPlainDecimals(@ForAll double d) {
        String text = Double.isFinite(d) ? Double.toString(d) : "0";
        OptionalDouble parsed = CsvNumbers.parse(text);
        assertThat(parsed).hasValue(Double.parseDouble(text));
    }

    @Property(tries = 2000)
    void fastPathAgreesWithParseDoubleOnShortDecimals(@ForAll long mantissa, @ForAll byte scale) {
        String digits = Long.toString(Math.abs(mantissa % 1_000_000_000_000_000L));
        int point = Math.floorMod(scale, digits.length() + 1);
        String text = digits.substring(0, point) + "." + digits.substring(point);
        if (text.equals(".")) {
            return;
        }
        assertThat(CsvNumbers.parse(text)).hasValue(Double.parseDouble(text));
    }
}
