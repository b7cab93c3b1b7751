package dev.sluice.etl.transform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgCsvReaderTest {

    private static List<List<String>> read(String csv) throws IOException {
        try (PgCsvReader reader = new PgCsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            List<List<String>> rows = new ArrayList<>();
            for (List<String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void emptyUnquotedIsNullAndQuotedEmptyIsTheEmptyString() throws IOException {
        assertThat(read("a,b,c,d\n,\"\",x,\n\"\",,\"q,\"\"\",\"\"\n"))
                .containsExactly(Arrays.asList(null, "", "x", null), Arrays.asList("", null, "q,\"", ""));
    }

    @Test
    void multiLineQuotedValuesAndUnicodeSurvive() throws IOException {
        assertThat(read("a,b\n\"line 1\nline 2\",\"Zoë's, \"\"café\"\"\"\n"))
                .containsExactly(List.of("line 1\nline 2", "Zoë's, \"café\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'a,\"\",c'|false,true,false",
                "'\"x,y\",,\"\"'|true,false,true",
                "'\"he said \"\"hi\"\"\",'|true,false"
            })
    void quotedFieldsFindsFieldsThatStartWithAQuote(String record, String expected) {
        String[] flags = expected.split(",");
        boolean[] quoted = PgCsvReader.quotedFields(record.getBytes(StandardCharsets.UTF_8), flags.length);
        for (int i = 0; i < flags.length; i++) {
            assertThat(quoted[i]).as("field %d of %s", i, record).isEqualTo(Boolean.parseBoolean(flags[i]));
        }
    }
}
