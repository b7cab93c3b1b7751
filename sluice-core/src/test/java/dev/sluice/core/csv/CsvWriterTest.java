package dev.sluice.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    private static String write(CsvWriter.LineEnd lineEnd, List<List<String>> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(out, lineEnd);
        for (List<String> record : records) {
            for (String field : record) {
                w.field(field);
            }
            w.endRecord();
        }
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quotesOnlyWhenNeeded() throws IOException {
        List<String> fields = new ArrayList<>(
                List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", " lead", "trail ", "", "5.5", "Müller"));
        fields.add(null);
        assertThat(write(CsvWriter.LineEnd.LF, List.of(fields)))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\" lead\",\"trail \",\"\",5.5,"
                        + "Müller,\n");
    }

    @Test
    void crlfOnRequestAndQuotedFieldWhenAsked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvWriter(out, CsvWriter.LineEnd.CRLF)
                .quotedField("x")
                .field("y")
                .endRecord()
                .flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\"x\",y\r\n");
    }

    @Test
    void aRecordOfOneNullIsNotWrittenAsABlankLine() throws IOException {
        List<String> onlyNull = new ArrayList<>();
        onlyNull.add(null);
        assertThat(write(CsvWriter.LineEnd.LF, List.of(List.of("h"), onlyNull))).isEqualTo("h\n\"\"\n");
    }

    @Test
    void aRecordNeedsAField() {
        assertThatThrownBy(() -> new CsvWriter(new ByteArrayOutputStream()).endRecord())
                .isInstanceOf(IllegalStateException.class);
    }

    @Provide
    Arbitrary<List<List<String>>> records() {
        Arbitrary<String> field =
                Arbitraries.strings().withChars("ab ,\"\r\n\té5").ofMaxLength(8);
        return field.list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(6);
    }

    @Property(tries = 500)
    void whatIsWrittenReadsBackTheSame(@ForAll("records") List<List<String>> records) throws IOException {
        String csv = write(CsvWriter.LineEnd.LF, records);
        List<List<String>> back = new ArrayList<>();
        try (CsvReader r = CsvReader.of(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
                back.add(rec.fields());
            }
        }
        assertThat(back).isEqualTo(records);
    }
}
