package dev.sluice.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Data-driven specification of the type rules (the README's type-inference table). */
class CellTypesSpecTest {

    record Spec(String id, String rule, String cell, Cell expected) {
        @Override
        public String toString() {
            return id + " (" + rule + ")";
        }
    }

    static Spec spec(String id, String rule, String cell, Cell expected) {
        return new Spec(id, rule, cell, expected);
    }

    static Stream<Spec> auto() {
        return Stream.of(
                spec("empty", "an empty cell is omitted", "", null),
                spec("integer", "integers are numbers", "34", new Cell.Num("34")),
                spec("zero", "a lone zero is a number", "0", new Cell.Num("0")),
                spec("decimal-text-kept", "the exact text is kept, never reformatted", "5.10", new Cell.Num("5.10")),
                spec("signed", "signs are numbers", "-3.5", new Cell.Num("-3.5")),
                spec("plus", "a plus sign is kept", "+6", new Cell.Num("+6")),
                spec("exponent", "exponents are numbers", "1.5e3", new Cell.Num("1.5e3")),
                spec("leading-dot", "a leading dot is a number", ".5", new Cell.Num(".5")),
                spec("zero-point", "0.5 has no leading zero", "0.5", new Cell.Num("0.5")),
                spec("trimmed", "spaces and tabs around a number are trimmed", " 42\t", new Cell.Num("42")),
                spec("leading-zero", "leading-zero values are identifiers: strings", "00123", new Cell.Str("00123")),
                spec("signed-leading-zero", "a sign does not hide a leading zero", "-007", new Cell.Str("-007")),
                spec("leading-zero-decimal", "00.5 keeps its text as a string", "00.5", new Cell.Str("00.5")),
                spec(
                        "too-precise",
                        "more than 38 significant digits cannot be stored: string",
                        "123456789012345678901234567890123456789",
                        new Cell.Str("123456789012345678901234567890123456789")),
                spec(
                        "38-digits",
                        "38 significant digits are a number",
                        "12345678901234567890123456789012345678",
                        new Cell.Num("12345678901234567890123456789012345678")),
                spec("too-large", "beyond 9.99E+125: string", "1e126", new Cell.Str("1e126")),
                spec("largest", "1E+125 is a number", "1e125", new Cell.Num("1e125")),
                spec("too-small", "below 1E-130: string", "1e-131", new Cell.Str("1e-131")),
                spec(
                        "huge-exponent",
                        "an exponent beyond int range: string",
                        "1e99999999999",
                        new Cell.Str("1e99999999999")),
                spec("true", "true is a boolean", "true", new Cell.Bool(true)),
                spec("false-any-case", "booleans are case-insensitive", "FALSE", new Cell.Bool(false)),
                spec("yes", "yes is not a boolean", "yes", new Cell.Str("yes")),
                spec("date", "dates stay strings", "17-04-1987", new Cell.Str("17-04-1987")),
                spec("thousands", "1,000 is not a number", "1,000", new Cell.Str("1,000")),
                spec("nan", "NaN is not a number", "NaN", new Cell.Str("NaN")),
                spec("hex", "0x10 is not a number", "0x10", new Cell.Str("0x10")),
                spec("blank", "a blank (spaces) cell is a string, kept as is", "  ", new Cell.Str("  ")));
    }

    @ParameterizedTest
    @MethodSource("auto")
    void autoInference(Spec spec) {
        assertThat(CellTypes.infer(spec.cell(), TypeInference.AUTO)).isEqualTo(spec.expected());
    }

    @ParameterizedTest
    @MethodSource("auto")
    void stringsInferenceKeepsEveryNonEmptyCellAsAString(Spec spec) {
        Cell expected = spec.cell().isEmpty() ? null : new Cell.Str(spec.cell());
        assertThat(CellTypes.infer(spec.cell(), TypeInference.STRINGS)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void parseAcceptsAnyCaseAndNamesTheChoices() {
        assertThat(TypeInference.parse("Strings")).isEqualTo(TypeInference.STRINGS);
        assertThatThrownBy(() -> TypeInference.parse("smart"))
                .hasMessage("unknown type inference 'smart': choose auto or strings");
    }
}
