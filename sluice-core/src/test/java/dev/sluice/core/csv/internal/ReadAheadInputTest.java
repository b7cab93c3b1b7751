package dev.sluice.core.csv.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadAheadInputTest {

    private static Thread readAheadThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sluice-read-ahead") && t.isAlive())
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Timeout(10)
    void closeReturnsWhileTheThreadIsBlockedInARead() throws Exception {
        BlockingStreams streams = new BlockingStreams();
        ReadAheadInput input = new ReadAheadInput(streams.input("a,b\n1,2\n".getBytes(US_ASCII)), 8, 64);
        assertThat(input.start()).isEqualTo(8); // data after 8 bytes of headroom
        assertThat(streams.blocked.await(5, TimeUnit.SECONDS))
                .as("second read started")
                .isTrue();
        Thread reader = readAheadThread();

        long started = System.nanoTime();
        input.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 5_000L);
        assertThat(reader.isAlive()).as("abandoned, still blocked").isTrue();
        assertThat(reader.isDaemon()).isTrue();
        streams.release();
        reader.join(5_000);
        assertThat(reader.isAlive()).as("ends once its read returns").isFalse();
    }

    @Test
    void aRecordStraddlingChunksIsCarriedIntoTheHeadroomAndLongerOnesIntoAnOverflowArray() throws IOException {
        byte[] data = "h\n0123456789abcdefghij\nxy\n".getBytes(US_ASCII);
        try (ReadAheadInput input = new ReadAheadInput(new java.io.ByteArrayInputStream(data), 8, 64)) {
            int p = input.start() + 2; // after "h\n"
            assertThat(text(input, p)).isEqualTo("012345");
            p = input.fill(p, 2); // 6 bytes kept, fit in the 8-byte headroom
            assertThat(p).isEqualTo(2);
            assertThat(text(input, p)).isEqualTo("0123456789abcd");
            p = input.fill(p, 2); // 14 bytes kept: more than the headroom
            assertThat(p).isZero();
            assertThat(text(input, p)).isEqualTo("0123456789abcdefghij\nx");
            p = input.fill(p + 21, 3); // "x" back in a ring array's headroom, then the last chunk
            assertThat(text(input, p)).isEqualTo("xy\n");
            assertThat(input.eof()).isTrue();
            assertThat(input.bytesRead()).isEqualTo(data.length);
        }
    }

    private static String text(ReadAheadInput input, int from) {
        return new String(input.buf(), from, input.limit() - from, US_ASCII);
    }
}
