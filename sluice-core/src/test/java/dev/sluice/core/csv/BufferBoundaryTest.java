package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.csv.internal.FilterEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records, quoted fields, CRLF pairs, doubled quotes and numbers straddling the buffer edge at every offset around
 * it (the prefix length shifts everything one byte at a time), and fields larger than the buffer.
 */
class BufferBoundaryTest {
    private static final int[] BUFFER_SIZES = {8, 16, 64};

    /** Each interesting construct of the grammar once, after a filler row whose length moves it across the edge. */
    private static String input(int pad, int bufferSize) {
        return "\r\na,b\r\n"
                + "x".repeat(pad) + ",1\n"
                + "\"q,\"\"\r\n\",9\r\n" // quoted comma, doubled quote, quoted CRLF, CRLF line end
                + "\n\r\n" // blank lines
                + "4.71,\"" + "y".repeat(bufferSize * 3) + "\"\n" // a field larger than the buffer
                + "4.7000000000000007,0\r\n" // a long number (slow path) across the edge
                + "\"5\"\"\",\"\"\n" // "5"" is not numeric
                + "9,1\r0,0\r\r\n" // lone CRs end records (old Mac), mixed with CRLF; "0,0" must not be kept
                + "\"a\rb\",7\r" // a CR inside quotes is data
                + "1,\"x\"\r" // a CR right after a closing quote ends the record
                + "1,5\r"; // last line, a lone CR ends it
    }

    static Stream<Arguments> offsets() {
        return IntStream.of(BUFFER_SIZES)
                .boxed()
                .flatMap(size -> IntStream.rangeClosed(0, 3 * size).mapToObj(pad -> Arguments.of(size, pad)));
    }

    static Stream<Arguments> offsetsAndIoModes() {
        return offsets().flatMap(a -> Stream.of(IoMode.values()).map(io -> Arguments.of(a.get()[0], a.get()[1], io)));
    }

    @ParameterizedTest(name = "buffer {0}, filler {1}, {2}")
    @MethodSource("offsetsAndIoModes")
    void filterIsIndependentOfWhereTheBufferEnds(int bufferSize, int pad, IoMode io) throws IOException {
        String input = input(pad, bufferSize);
        for (String options : new String[] {"", "columns=1", "columns=b match=all", "op=le t=1"}) {
            FilterRule rule = Options.rule(options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FilterSummary summary =
                    new FilterEngine(rule, new ByteArrayInputStream(Latin1.bytes(input)), out, bufferSize, io).run();
            ReferenceCsv.Result expected = ReferenceCsv.filter(input, rule);
            assertThat(Latin1.string(out.toByteArray())).as(options).isEqualTo(expected.output());
            assertThat(summary.rowsKept()).isEqualTo(expected.rowsKept());
            assertThat(summary.nonNumericCells()).isEqualTo(expected.nonNumericCells());
            assertThat(summary.raggedRows()).isEqualTo(expected.raggedRows());
        }
    }

    @ParameterizedTest(name = "buffer {0}, filler {1}")
    @MethodSource("offsets")
    void readerIsIndependentOfWhereTheBufferEnds(int bufferSize, int pad) throws IOException {
        String input = input(pad, bufferSize);
        List<String> actual = new ArrayList<>();
        try (CsvReader reader = CsvReader.ofBufferSize(new ByteArrayInputStream(Latin1.bytes(input)), bufferSize)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                r.writeRawTo(raw);
                actual.add(r.line() + " " + r.fields() + " " + Latin1.string(raw.toByteArray()));
            }
        }
        List<String> expected = new ArrayList<>();
        ReferenceCsv reference = new ReferenceCsv(input);
        for (ReferenceCsv.Rec r = reference.nextNonBlank(); r != null; r = reference.nextNonBlank()) {
            expected.add(r.line() + " " + r.fields() + " " + r.raw());
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void aQuotedFieldManyTimesTheBufferSizeIsKeptWholeAndLinesStayRight(IoMode io) throws IOException {
        String big = "\"" + "a,\"\"b\"\"\n".repeat(500) + "\"";
        String input = "h1,h2\n" + big + ",9\n1,1\n2,2,2\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FilterRule strict = FilterRule.defaults().withRagged(RaggedRowPolicy.REJECT);

        assertThatThrownBy(() ->
                        new FilterEngine(strict, new ByteArrayInputStream(Latin1.bytes(input)), out, 16, io).run())
                .isInstanceOf(RaggedRowException.class)
                .hasMessageStartingWith("line 504: row has 3 cells but the header has 2");
        out.reset();
        FilterSummary summary = new FilterEngine(
                        FilterRule.defaults(), new ByteArrayInputStream(Latin1.bytes(input)), out, 16, io)
                .run();
        assertThat(Latin1.string(out.toByteArray())).isEqualTo("h1,h2\n" + big + ",9\n");
        assertThat(summary.rowsRead()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void aRecordLongerThanTheLimitIsATypedErrorNotAnOutOfMemoryError(IoMode io) {
        String input = "h\n1\n\"" + "x".repeat(200) + "\n";
        assertThatThrownBy(() -> new FilterEngine(
                                FilterRule.defaults(),
                                new ByteArrayInputStream(Latin1.bytes(input)),
                                new ByteArrayOutputStream(),
                                16,
                                64,
                                io)
                        .run())
                .isInstanceOf(RecordTooLongException.class)
                .hasMessage("line 3: record is longer than the maximum record size of 64 bytes; is a quote left open?")
                .extracting(e -> ((CsvException) e).line())
                .isEqualTo(3L);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void aRecordUpToTheLimitIsFine(IoMode io) throws IOException {
        String row = "9," + "x".repeat(60) + "\n"; // 63 bytes, buffer grows 16 -> 32 -> 64
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FilterEngine(FilterRule.defaults(), new ByteArrayInputStream(Latin1.bytes("a,b\n" + row)), out, 16, 64, io)
                .run();
        assertThat(Latin1.string(out.toByteArray())).isEqualTo("a,b\n" + row);
    }
}
