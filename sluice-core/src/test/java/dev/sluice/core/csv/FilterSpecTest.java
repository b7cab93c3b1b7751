package dev.sluice.core.csv;

import static dev.sluice.core.csv.Latin1.BOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data-driven specification of the filter: each case is an id, the rule it pins, the input (chars = bytes), the
 * options, and the exact expected output bytes (plus, where it matters, the summary counts read/kept/ragged/nonNumeric).
 */
class FilterSpecTest {

    record Spec(String id, String rule, String input, String options, String expected, String counts) {
        @Override
        public String toString() {
            return id + " (" + rule + ")";
        }
    }

    record ErrorSpec(
            String id,
            String rule,
            String input,
            String options,
            Class<? extends CsvException> type,
            String message,
            long line) {
        @Override
        public String toString() {
            return id + " (" + rule + ")";
        }
    }

    static Spec spec(String id, String rule, String input, String options, String expected) {
        return new Spec(id, rule, input, options, expected, null);
    }

    static Spec spec(String id, String rule, String input, String options, String expected, String counts) {
        return new Spec(id, rule, input, options, expected, counts);
    }

    static Stream<Spec> specs() {
        return Stream.of(
                // Output is the header plus kept rows, byte for byte.
                spec(
                        "keep-some",
                        "kept rows copied byte for byte, header kept",
                        "n\n10\n1\n09.1\n",
                        "",
                        "n\n10\n09.1\n",
                        "3/2/0/0"),
                spec("none-kept", "no match gives a header-only file", "n\n1\n2\n", "", "n\n", "2/0/0/0"),
                spec("header-only-input", "a header alone is a valid input", "a,b\n", "", "a,b\n", "0/0/0/0"),
                spec(
                        "header-no-line-end",
                        "a header without a line end is written as it is",
                        "a,b",
                        "",
                        "a,b",
                        "0/0/0/0"),
                spec(
                        "no-reformatting",
                        "numbers are never reformatted",
                        "n\n09.1\n5.000\n+6\n1e1\n",
                        "",
                        "n\n09.1\n5.000\n+6\n1e1\n"),
                // RFC 4180 syntax.
                spec(
                        "quoted-comma",
                        "commas inside quotes are data",
                        "a,b\n\"x,y\",5\n\"x,y\",1\n",
                        "",
                        "a,b\n\"x,y\",5\n"),
                spec(
                        "doubled-quotes",
                        "\"\" inside quotes is one quote",
                        "a,b\n\"say \"\"hi\"\"\",5\n\"\"\"\",1\n",
                        "",
                        "a,b\n\"say \"\"hi\"\"\",5\n"),
                spec(
                        "newline-in-quotes",
                        "LF and CRLF inside quotes are data",
                        "a,b\n\"l1\nl2\",9\n\"x\r\ny\",1\n",
                        "",
                        "a,b\n\"l1\nl2\",9\n",
                        "2/1/0/2"),
                spec(
                        "comma-newline-in-quotes-not-cells",
                        "quoted commas and LFs do not make cells",
                        "a,b\n\"1,\n2\",9\n",
                        "strict",
                        "a,b\n\"1,\n2\",9\n",
                        "1/1/0/1"),
                spec("crlf", "CRLF line ends kept as they are", "a,b\r\nx,5\r\ny,1\r\n", "", "a,b\r\nx,5\r\n"),
                spec(
                        "crlf-last-cell-numeric",
                        "the CR of CRLF is not part of the last cell",
                        "a\r\n5\r\n1\r\n",
                        "",
                        "a\r\n5\r\n"),
                spec("mixed-line-ends", "LF and CRLF may be mixed", "a\n5\r\n6\n1\r\n", "", "a\n5\r\n6\n"),
                spec(
                        "lone-cr-ends-a-record",
                        "a lone CR ends a record like LF (old Mac files): 5\\r6 is two rows, each keeping its line end",
                        "a\n5\r6\n9\n",
                        "",
                        "a\n5\r6\n9\n",
                        "3/3/0/0"),
                spec(
                        "cr-before-comma-ends-a-record",
                        "a CR before a comma ends the record: 5 is a (short) row, ,1 another",
                        "a,b\n5\r,1\n",
                        "",
                        "a,b\n5\r",
                        "2/1/1/1"),
                spec(
                        "cr-inside-quotes",
                        "a quoted CR is data, so \"5\\r\" is not numeric",
                        "a\r\n\"5\r\"\r\n",
                        "",
                        "a\r\n",
                        "1/0/0/1"),
                spec("final-line-kept", "a final line without line end is a row", "a\n1\n9", "", "a\n9"),
                spec("final-line-dropped", "a dropped final line does not disturb the output", "a\n9\n1", "", "a\n9\n"),
                spec("final-line-quoted", "a final quoted cell may end the input", "a\n\"9\"", "", "a\n\"9\""),
                spec(
                        "final-line-cr",
                        "a final line ending in a lone CR is a row, CR kept",
                        "a\n9\r",
                        "",
                        "a\n9\r",
                        "1/1/0/0"),
                spec(
                        "bom",
                        "a UTF-8 BOM is copied but is not part of the first header name",
                        BOM + "a,b\n5,1\n1,1\n",
                        "columns=a",
                        BOM + "a,b\n5,1\n"),
                spec(
                        "bom-blank-lines",
                        "the BOM is copied even when blank lines come before the header",
                        BOM + "\n\na\n5\n",
                        "",
                        BOM + "a\n5\n"),
                spec(
                        "invalid-utf8",
                        "bytes that are not UTF-8 pass through untouched",
                        "h\u00ff,n\n\u00fe\u00c3,9\n\u00c0,1\n",
                        "",
                        "h\u00ff,n\n\u00fe\u00c3,9\n"),
                spec(
                        "header-first-nonblank",
                        "the header is the first non-blank line",
                        "\n\r\n\nh\n5\n",
                        "",
                        "h\n5\n",
                        "1/1/0/0"),
                spec(
                        "blank-lines-skipped",
                        "blank lines are skipped and not written",
                        "h\n5\n\n6\r\n\r\n\n7\n\n",
                        "",
                        "h\n5\n6\r\n7\n",
                        "3/3/0/0"),
                spec(
                        "spaces-line-not-blank",
                        "a line of spaces is a row, not a blank line",
                        "h\n  \n5\n",
                        "",
                        "h\n5\n",
                        "2/1/0/1"),
                spec(
                        "empty-quoted-line-not-blank",
                        "\"\" is a row with one empty cell",
                        "h\n\"\"\n5\n",
                        "",
                        "h\n5\n",
                        "2/1/0/1"),
                // Numeric grammar.
                // Double.parseDouble rounds 4.7000000000000002/4/6 to 4.7 itself (the next double up is
                // 4.700000000000001, the midpoint 4.7000000000000006217...): they are not > 4.7.
                spec(
                        "correct-rounding",
                        "values are Double.parseDouble's, correctly rounded",
                        "n\n4.7000000000000004\n4.7000000000000002\n4.7000000000000006\n4.7000000000000007\n"
                                + "4.700000000000001\n4.7\n",
                        "",
                        "n\n4.7000000000000007\n4.700000000000001\n"),
                spec(
                        "not-numeric",
                        "NaN, inf, hex, grouping, currency, percent, empty and friends never match",
                        "n\nNaN\ninf\nInfinity\n0x10\n\"1,000\"\n$5\n5%\n\"\"\n5d\n5f\n1_000\n--5\n5 5\n5e\ne5\n.\n-\n"
                                + "\"5\"\"\"\n\u00d9\u00a5\n",
                        "",
                        "n\n",
                        "19/0/0/19"),
                spec(
                        "numeric-forms",
                        "sign, leading/trailing dot, exponent, trimmed spaces and tabs are numeric",
                        "n\n+5\n5.\n.5e1\n 5 \n\t5\t\n5E0\n5e+0\n50e-1\n1e400\n",
                        "op=ge t=5",
                        "n\n+5\n5.\n.5e1\n 5 \n\t5\t\n5E0\n5e+0\n50e-1\n1e400\n"),
                spec(
                        "quoted-number",
                        "quotes are syntax: \"5.5\" is the number 5.5",
                        "n\n\"5.5\"\n\" 5.5 \"\n\"4\"\n",
                        "",
                        "n\n\"5.5\"\n\" 5.5 \"\n"),
                spec(
                        "quoted-then-tail",
                        "bytes after a closing quote are kept: \"5\"5 is 55",
                        "n\n\"5\"5\n\"1\"\n",
                        "",
                        "n\n\"5\"5\n"),
                spec(
                        "quote-inside-unquoted",
                        "a quote inside an unquoted field is data",
                        "a,b\n5\"x,9\n1,1\n",
                        "columns=b",
                        "a,b\n5\"x,9\n"),
                spec("negative-zero", "-0 equals 0", "n\n-0\n0.0\n1\n", "op=eq t=0", "n\n-0\n0.0\n"),
                spec(
                        "long-mantissa",
                        "more digits than the fast path falls back exactly",
                        "n\n4.70000000000000062200001\n4.69999999999999999999\n123456789012345678901234567890\n",
                        "",
                        "n\n4.70000000000000062200001\n123456789012345678901234567890\n"),
                // Operators.
                spec("op-gt", "gt is strict", "n\n5\n4\n6\n", "op=gt t=5", "n\n6\n"),
                spec("op-ge", "ge includes the threshold", "n\n5\n4\n6\n", "op=ge t=5", "n\n5\n6\n"),
                spec("op-lt", "lt is strict", "n\n5\n4\n6\n", "op=lt t=5", "n\n4\n"),
                spec("op-le", "le includes the threshold", "n\n5\n4\n6\n", "op=le t=5", "n\n5\n4\n"),
                spec("op-eq", "eq compares values, not text", "n\n5\n5.0\n6\n", "op=eq t=5", "n\n5\n5.0\n"),
                spec("op-ne", "ne needs a numeric cell", "n\n5\nx\n6\n", "op=ne t=5", "n\n6\n"),
                // Columns and match modes.
                spec("any-column", "default *: any cell of the row", "a,b,c\nx,1,9\nx,1,1\n", "", "a,b,c\nx,1,9\n"),
                spec(
                        "star-beyond-header",
                        "* includes cells beyond the header's width",
                        "a,b\n1,1,9\n1,1\n",
                        "",
                        "a,b\n1,1,9\n",
                        "2/1/1/0"),
                spec(
                        "first-column",
                        "columns=1 looks only at the first cell (seed behaviour)",
                        "a,b\n9,1\n1,9\n",
                        "columns=1",
                        "a,b\n9,1\n"),
                spec("column-by-name", "a column by header name", "a,b\n9,1\n1,9\n", "columns=b", "a,b\n1,9\n"),
                spec(
                        "column-quoted-name",
                        "header names are unquoted",
                        "\"p\"\"q\",b\n9,1\n1,9\n",
                        "columns=p\"q",
                        "\"p\"\"q\",b\n9,1\n"),
                spec(
                        "column-list",
                        "names and indexes may be mixed",
                        "a,b,c\n9,1,1\n1,9,1\n1,1,9\n",
                        "columns=a,3",
                        "a,b,c\n9,1,1\n1,1,9\n"),
                spec(
                        "column-numeric-name",
                        "a header name wins over an index",
                        "1,2024,x\n9,1,1\n1,9,1\n",
                        "columns=2024",
                        "1,2024,x\n1,9,1\n"),
                spec(
                        "column-beyond-width-ignored",
                        "listed columns ignore cells beyond the header",
                        "a,b\n1,1,9\n",
                        "columns=a,b",
                        "a,b\n",
                        "1/0/1/0"),
                spec(
                        "all-every-cell",
                        "match=all: every selected cell numeric and matching",
                        "a,b\n9,9\n9,1\n9,x\n9,\n",
                        "match=all",
                        "a,b\n9,9\n",
                        "4/1/0/2"),
                spec(
                        "all-missing-cell",
                        "match=all: a selected cell missing in a short row fails",
                        "a,b,c\n9,9\n9,9,9\n",
                        "match=all columns=a,c",
                        "a,b,c\n9,9,9\n",
                        "2/1/1/0"),
                spec(
                        "all-star-extra-cells",
                        "match=all with *: extra cells must match too",
                        "a\n9,9\n9,1\n",
                        "match=all",
                        "a\n9,9\n",
                        "2/1/2/0"),
                spec(
                        "any-nonnumeric-counted",
                        "non-numeric selected cells are counted",
                        "a,b,c\nx,,9\n",
                        "",
                        "a,b,c\nx,,9\n",
                        "1/1/0/2"),
                spec(
                        "nonnumeric-counted-selected-only",
                        "only selected cells are counted",
                        "a,b,c\nx,,9\n",
                        "columns=c",
                        "a,b,c\nx,,9\n",
                        "1/1/0/0"),
                // Ragged rows.
                spec(
                        "ragged-tolerated",
                        "ragged rows are evaluated on the cells they have and counted",
                        "a,b,c\n9\n1,2,3,4\n1,9,1\n",
                        "",
                        "a,b,c\n9\n1,9,1\n",
                        "3/2/2/0"),
                spec(
                        "ragged-short-first-column",
                        "a short row still has its first cell",
                        "a,b\n9\n",
                        "columns=2",
                        "a,b\n",
                        "1/0/1/0"),
                spec("strict-regular", "strict mode accepts a regular file", "a,b\n9,1\n1,1\n", "strict", "a,b\n9,1\n"),
                spec(
                        "quoted-header-multiline",
                        "a header may contain quoted line ends",
                        "\"a\nb\",c\n9,1\n",
                        "columns=c strict",
                        "\"a\nb\",c\n"));
    }

    static Stream<ErrorSpec> errors() {
        return Stream.of(
                new ErrorSpec("empty", "empty input has no header", "", "", NoHeaderException.class, "no header", 0),
                new ErrorSpec(
                        "blank-only",
                        "blank-only input has no header",
                        "\n\r\n\n",
                        "",
                        NoHeaderException.class,
                        "no header",
                        0),
                new ErrorSpec("bom-only", "a BOM alone is no header", BOM, "", NoHeaderException.class, "no header", 0),
                new ErrorSpec(
                        "open-quote",
                        "a quote open at end of input names the line where it opened",
                        "a,b\n1,2\n3,\"4\n5\n6\n",
                        "",
                        MalformedCsvException.class,
                        "line 3: quoted field",
                        3),
                new ErrorSpec(
                        "open-quote-second-field-line",
                        "the line is where the open quoted field starts",
                        "a,b\n\"x\ny\",\"4\n5\n",
                        "",
                        MalformedCsvException.class,
                        "line 3:",
                        3),
                new ErrorSpec(
                        "open-quote-header",
                        "an open quote in the header",
                        "\n\"a,b\n1\n",
                        "",
                        MalformedCsvException.class,
                        "line 2:",
                        2),
                new ErrorSpec(
                        "strict-ragged",
                        "strict mode rejects the first ragged row with its line",
                        "a,b\n1,2\n\n\"x\ny\",2,3\n",
                        "strict",
                        RaggedRowException.class,
                        "line 4: row has 3 cells but the header has 2",
                        4),
                new ErrorSpec(
                        "unknown-name",
                        "an unknown column names the column and the header",
                        "a,b\n1,2\n",
                        "columns=c",
                        UnknownColumnException.class,
                        "unknown column 'c': not a header name nor a 1-based index from 1 to 2; the header (line 1)"
                                + " is [a, b]",
                        1),
                new ErrorSpec(
                        "index-zero",
                        "indexes are 1-based",
                        "a,b\n1,2\n",
                        "columns=0",
                        UnknownColumnException.class,
                        "unknown column '0'",
                        1),
                new ErrorSpec(
                        "index-beyond",
                        "an index beyond the header is unknown",
                        "\na,b\n1,2\n",
                        "columns=3",
                        UnknownColumnException.class,
                        "unknown column '3'",
                        2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void filtersAsSpecified(Spec spec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FilterSummary summary = CsvFilter.of(Options.rule(spec.options()))
                .filter(new ByteArrayInputStream(Latin1.bytes(spec.input())), out);

        assertThat(Latin1.string(out.toByteArray())).as(spec.rule()).isEqualTo(spec.expected());
        assertThat(summary.bytesIn()).isEqualTo(Latin1.bytes(spec.input()).length);
        assertThat(summary.bytesOut()).isEqualTo(out.size());
        if (spec.counts() != null) {
            assertThat(summary.rowsRead() + "/" + summary.rowsKept() + "/" + summary.raggedRows() + "/"
                            + summary.nonNumericCells())
                    .as("read/kept/ragged/nonNumeric")
                    .isEqualTo(spec.counts());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void failsAsSpecified(ErrorSpec spec) {
        assertThatThrownBy(() -> CsvFilter.of(Options.rule(spec.options()))
                        .filter(new ByteArrayInputStream(Latin1.bytes(spec.input())), new ByteArrayOutputStream()))
                .as(spec.rule())
                .isInstanceOf(spec.type())
                .hasMessageContaining(spec.message())
                .satisfies(e -> assertThat(((CsvException) e).line()).isEqualTo(spec.line()));
    }
}
