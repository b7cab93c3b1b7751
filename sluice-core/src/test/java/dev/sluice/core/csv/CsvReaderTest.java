package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static CsvReader reader(String utf8) {
        return CsvReader.of(new ByteArrayInputStream(utf8.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsHeaderFirstThenRecordsWithUnquotedValuesAndStartLines() throws IOException {
        try (CsvReader r = reader("\uFEFF\nname,note\r\n\"Müller, J\",\"say \"\"hi\"\"\nthere\"\r\n\nx,\n")) {
            CsvRecord header = r.next();
            assertThat(header.fields()).containsExactly("name", "note");
            assertThat(header.line()).isEqualTo(2);
            CsvRecord row = r.next();
            assertThat(row.fields()).containsExactly("Müller, J", "say \"hi\"\nthere");
            assertThat(row.size()).isEqualTo(2);
            assertThat(row.field(0)).isEqualTo("Müller, J");
            assertThat(row.line()).isEqualTo(3);
            CsvRecord last = r.next();
            assertThat(last.fields()).containsExactly("x", "");
            assertThat(last.line()).isEqualTo(6);
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void writeRawToCopiesTheOriginalBytesIncludingTheLineEnd() throws IOException {
        try (CsvReader r = reader("a,b\r\n\"1\",2")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.next().writeRawTo(out);
            CsvRecord last = r.next();
            last.writeRawTo(out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\n\"1\",2");
        }
    }

    @Test
    void writeRawToAfterNextIsAnError() throws IOException {
        try (CsvReader r = reader("a\nb\n")) {
            CsvRecord first = r.next();
            r.next();
            assertThatThrownBy(() -> first.writeRawTo(new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("line 1");
            assertThat(first.fields()).isEqualTo(List.of("a")); // values stay valid
        }
    }

    @Test
    void emptyInputHasNoRecords() throws IOException {
        try (CsvReader r = reader("\n\r\n")) {
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void anOpenQuoteAtTheEndIsMalformedWithItsLine() throws IOException {
        try (CsvReader r = reader("a\n\"x\ny\n")) {
            r.next();
            assertThatThrownBy(r::next)
                    .isInstanceOf(MalformedCsvException.class)
                    .hasMessageStartingWith("line 2: quoted field opened here is not closed");
        }
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementButKeptInTheRawBytes() throws IOException {
        byte[] input = {'a', '\n', (byte) 0xFF, ',', '1', '\n'};
        try (CsvReader r = CsvReader.of(new ByteArrayInputStream(input))) {
            r.next();
            CsvRecord row = r.next();
            assertThat(row.field(0)).isEqualTo("\uFFFD");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            row.writeRawTo(out);
            assertThat(out.toByteArray()).containsExactly((byte) 0xFF, ',', '1', '\n');
        }
    }
}
