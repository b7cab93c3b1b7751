package dev.sluice.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.csv.MalformedCsvException;
import dev.sluice.core.csv.NoHeaderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvProfilerTest {

    static CsvProfile profile(String csv) throws IOException {
        return CsvProfiler.profile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void profilesTypesEmptyCellsAndNumericRange() throws IOException {
        CsvProfile p = profile("id,score,flag,note,blank\n"
                + "001,5.5,true,\"a, b\",\n"
                + "002,-2,false,,\n"
                + "003,,TRUE,x,\n"
                + "004,1e2,true,y\n");

        assertThat(p.header()).containsExactly("id", "score", "flag", "note", "blank");
        assertThat(p.columnCount()).isEqualTo(5);
        assertThat(p.rowCount()).isEqualTo(4);
        assertThat(p.raggedRows()).isEqualTo(1);
        assertThat(p.columns())
                .containsExactly(
                        new ColumnProfile("id", ColumnType.STRING, 0, 0, null, null),
                        new ColumnProfile("score", ColumnType.NUMBER, 1, 3, -2.0, 100.0),
                        new ColumnProfile("flag", ColumnType.BOOLEAN, 0, 0, null, null),
                        new ColumnProfile("note", ColumnType.STRING, 1, 0, null, null),
                        new ColumnProfile("blank", ColumnType.EMPTY, 4, 0, null, null));
    }

    @Test
    void aMixedColumnIsAStringColumnThatStillReportsItsNumericRange() throws IOException {
        CsvProfile p = profile("v\n3\nn/a\n7\n");
        assertThat(p.columns()).containsExactly(new ColumnProfile("v", ColumnType.STRING, 0, 2, 3.0, 7.0));
    }

    @Test
    void headerOnlyFileHasNoRowsAndEmptyColumns() throws IOException {
        CsvProfile p = profile("a,b\r\n");
        assertThat(p.rowCount()).isZero();
        assertThat(p.columns()).extracting(ColumnProfile::type).containsExactly(ColumnType.EMPTY, ColumnType.EMPTY);
    }

    @Test
    void extraCellsCountAsRaggedOnly() throws IOException {
        CsvProfile p = profile("a\n1,2,3\n");
        assertThat(p.raggedRows()).isEqualTo(1);
        assertThat(p.columns()).containsExactly(new ColumnProfile("a", ColumnType.NUMBER, 0, 1, 1.0, 1.0));
    }

    @Test
    void emptyInputHasNoHeaderAndAnOpenQuoteIsMalformed() {
        assertThatThrownBy(() -> profile("\n\n")).isInstanceOf(NoHeaderException.class);
        assertThatThrownBy(() -> profile("a\n\"open\n")).isInstanceOf(MalformedCsvException.class);
    }

    @Test
    void streamsManyRowsWithoutHoldingThem() throws IOException {
        long rows = 200_000;
        InputStream in = new InputStream() {
            final byte[] line = "7,x\n".getBytes(StandardCharsets.US_ASCII);
            final byte[] head = "n,s\n".getBytes(StandardCharsets.US_ASCII);
            long pos;
            final long total = head.length + rows * line.length;

            @Override
            public int read() {
                if (pos >= total) {
                    return -1;
                }
                long p = pos++;
                return p < head.length ? head[(int) p] : line[(int) ((p - head.length) % line.length)];
            }
        };
        CsvProfile p = CsvProfiler.profile(new java.io.BufferedInputStream(in, 1 << 16));
        assertThat(p.rowCount()).isEqualTo(rows);
        assertThat(p.columns().getFirst()).isEqualTo(new ColumnProfile("n", ColumnType.NUMBER, 0, rows, 7.0, 7.0));
        assertThat(List.of(p.raggedRows())).containsExactly(0L);
    }
}
