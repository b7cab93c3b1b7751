package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11, input side: inputs that used to give a wrong output with a success (UTF-16 read as junk, CR-only line
 * ends read as one header, a huge field exhausting memory) are refused with a typed error or read correctly.
 */
class InputEncodingAndLineEndTest {
    private static final String CSV = "reading,name\n5,x\n1,y\n9.5,z\n";

    @ParameterizedTest
    @CsvSource({"UTF-16LE,UTF-16LE", "UTF-16BE,UTF-16BE", "UTF-32LE,UTF-32LE", "UTF-32BE,UTF-32BE"})
    void aFileWithAUtf16OrUtf32ByteOrderMarkIsRefusedNamingTheEncoding(String charset, String named) {
        byte[] input = withBom(CSV, Charset.forName(charset));
        assertThatThrownBy(() -> filter(input, CsvFilter.of(FilterRule.defaults())))
                .isInstanceOf(UnsupportedEncodingCsvException.class)
                .hasMessage("line 1: the input looks like " + named + " (it starts with a " + named
                        + " byte order mark); Sluice reads UTF-8 (or ASCII) only: convert it first, e.g. iconv -f "
                        + named + " -t UTF-8");
        assertThatThrownBy(() -> CsvReader.of(new ByteArrayInputStream(input)).next())
                .isInstanceOf(UnsupportedEncodingCsvException.class)
                .extracting(e -> ((UnsupportedEncodingCsvException) e).encoding())
                .isEqualTo(named);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void utf16WithoutAByteOrderMarkIsRefusedByTheNulBytesInItsHeader(IoMode io) {
        byte[] input = CSV.getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(
                        () -> filter(input, CsvFilter.of(FilterRule.defaults()).withIo(io)))
                .isInstanceOf(UnsupportedEncodingCsvException.class)
                .hasMessageStartingWith("line 1: the input looks like UTF-16LE (without a byte order mark) (its header"
                        + " holds NUL bytes)");
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void crOnlyLineEndsSplitRowsAndOnlyPassingRowsAreKeptWithTheirLineEnds(IoMode io) throws IOException {
        String input = "reading,name\r5,x\r1,y\r9.5,z\r";
        Result r =
                filter(Latin1.bytes(input), CsvFilter.of(FilterRule.defaults()).withIo(io));
        assertThat(r.output()).isEqualTo("reading,name\r5,x\r9.5,z\r");
        assertThat(r.summary().rowsRead()).isEqualTo(3);
        assertThat(r.summary().rowsKept()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void mixedLineEndsSplitRowsInsteadOfMergingThem(IoMode io) throws IOException {
        String input = "reading,name\n5,x\r1,y\r\n9.5,z\n2,w\r";
        Result r =
                filter(Latin1.bytes(input), CsvFilter.of(FilterRule.defaults()).withIo(io));
        assertThat(r.output()).isEqualTo("reading,name\n5,x\r9.5,z\n");
        assertThat(r.summary().rowsRead()).isEqualTo(4);
        assertThat(r.summary().raggedRows()).isZero();
    }

    @Test
    void theReaderSplitsRecordsAtALoneCrAndKeepsCrInsideQuotes() throws IOException {
        List<String> records = new ArrayList<>();
        try (CsvReader reader = CsvReader.of(new ByteArrayInputStream(Latin1.bytes("a,b\r1,\"x\ry\"\r\r2,3")))) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r.line() + " " + r.fields());
            }
        }
        assertThat(records).containsExactly("1 [a, b]", "2 [1, x\ry]", "4 [2, 3]");
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void aFieldLongerThanTheMaximumRecordSizeFailsWithItsLineNotOutOfMemory(IoMode io) {
        String input = "reading,name\n5,x\n9," + "y".repeat(5000) + "\n1,z\n";
        CsvFilter filter = CsvFilter.of(FilterRule.defaults()).withIo(io).withMaxRecordBytes(2048);
        assertThatThrownBy(() -> filter(Latin1.bytes(input), filter))
                .isInstanceOf(RecordTooLongException.class)
                .hasMessage("line 3: record is longer than the maximum record size of 2 KiB (2048 bytes); is a quote"
                        + " left open?");
        assertThatThrownBy(() -> {
                    try (CsvReader reader = CsvReader.of(new ByteArrayInputStream(Latin1.bytes(input)), 2048)) {
                        while (reader.next() != null) {
                            // read to the end
                        }
                    }
                })
                .isInstanceOf(RecordTooLongException.class)
                .extracting(e -> ((CsvException) e).line())
                .isEqualTo(3L);
    }

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void aRecordOfExactlyTheMaximumSizeIsReadAndOneByteMoreIsNot(IoMode io) throws IOException {
        String row = "9," + "y".repeat(2048 - 3) + "\n"; // 2048 bytes with its line end
        CsvFilter filter = CsvFilter.of(FilterRule.defaults()).withIo(io).withMaxRecordBytes(2048);
        assertThat(filter(Latin1.bytes("a,b\n" + row), filter).output()).isEqualTo("a,b\n" + row);
        String longer = "9," + "y".repeat(2048 - 2) + "\n";
        assertThatThrownBy(() -> filter(Latin1.bytes("a,b\n" + longer), filter))
                .isInstanceOf(RecordTooLongException.class);
    }

    @Test
    void theDefaultMaximumRecordSizeIs16MiB() {
        assertThat(CsvLimits.DEFAULT_MAX_RECORD_BYTES).isEqualTo(16 * 1024 * 1024);
        assertThat(CsvFilter.of(FilterRule.defaults()).maxRecordBytes()).isEqualTo(16 * 1024 * 1024);
    }

    @ParameterizedTest
    @CsvSource({"16MiB,16777216", "16m,16777216", "64K,65536", "1 GiB,1073741824", "4096,4096"})
    void sizesParse(String text, int bytes) {
        assertThat(CsvLimits.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "16MB|'16MB' is not a size (expected bytes or a number with K, M or G, e.g. 16M or 16MiB)",
                "-1|'-1' is not a size (expected bytes or a number with K, M or G, e.g. 16M or 16MiB)",
                "2G|'2G' is out of range (1 KiB (1024 bytes) to 1024 MiB (1073741824 bytes))",
                "100|'100' is out of range (1 KiB (1024 bytes) to 1024 MiB (1073741824 bytes))"
            })
    void badSizesAreRefusedSayingWhatIsExpected(String text, String message) {
        assertThatThrownBy(() -> CsvLimits.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void duplicateHeaderNamesAreReportedInTheSummary() throws IOException {
        Result r = filter(Latin1.bytes("a,b, a ,b,c\n9,1,1,1,1\n"), CsvFilter.of(FilterRule.defaults()));
        assertThat(r.summary().duplicateColumns()).containsExactly("a", "b");
        Result none = filter(Latin1.bytes("a,b\n9,1\n"), CsvFilter.of(FilterRule.defaults()));
        assertThat(none.summary().duplicateColumns()).isEmpty();
    }

    private record Result(String output, FilterSummary summary) {}

    private static Result filter(byte[] input, CsvFilter filter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FilterSummary summary = filter.filter(new ByteArrayInputStream(input), out);
        return new Result(Latin1.string(out.toByteArray()), summary);
    }

    private static byte[] withBom(String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] bom = "\uFEFF".getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }
}
