package dev.sluice.core.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kept rows reach the output in writes of at most 64 KiB, however long the run of adjacent kept rows: larger
 * FileOutputStream writes measured many times slower here (docs/decisions.md).
 */
class WriteSizeTest {
    private static final int MAX_WRITE = 64 << 10;

    @ParameterizedTest
    @EnumSource(IoMode.class)
    void aLongRunOfKeptRowsIsWrittenInPiecesOfAtMost64KiB(IoMode io) throws IOException {
        String csv = "a,b\n" + "9.5,\"kept, every one\"\n".repeat(50_000); // ~1.1 MB, one run of kept rows
        int[] largest = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                largest[0] = Math.max(largest[0], len);
                super.write(b, off, len);
            }
        };

        CsvFilter.of(FilterRule.defaults()).withIo(io).filter(new ByteArrayInputStream(csv.getBytes(UTF_8)), out);

        assertThat(out.toString(UTF_8)).isEqualTo(csv);
        assertThat(largest[0]).isEqualTo(MAX_WRITE);
    }
}
