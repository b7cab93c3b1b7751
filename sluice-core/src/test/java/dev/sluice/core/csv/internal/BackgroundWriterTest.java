package dev.sluice.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BackgroundWriterTest {

    private static Thread writerThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sluice-writer") && t.isAlive())
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Timeout(10)
    void closeReturnsWhileTheThreadIsBlockedInAWrite() throws Exception {
        BlockingStreams streams = new BlockingStreams();
        BackgroundWriter writer = new BackgroundWriter(streams.output(), 4);
        writer.write(new byte[] {1, 2, 3, 4, 5}); // the first 4 bytes are handed over
        assertThat(streams.blocked.await(5, TimeUnit.SECONDS))
                .as("write started")
                .isTrue();
        Thread thread = writerThread();

        long started = System.nanoTime();
        writer.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 5_000L);
        assertThat(thread.isAlive()).as("abandoned, still blocked").isTrue();
        assertThat(thread.isDaemon()).isTrue();
        streams.release();
        thread.join(5_000);
        assertThat(thread.isAlive()).as("ends once its write returns").isFalse();
    }

    @Test
    void writesEverythingInOrderAcrossBuffersAndEndsAtFlush() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackgroundWriter writer = new BackgroundWriter(out, 3);
        for (int i = 0; i < 100; i++) {
            writer.write(new byte[] {(byte) i, (byte) (i + 1)}, 0, 2);
        }
        writer.write(7);
        writer.flush();
        writer.close();

        byte[] expected = new byte[201];
        for (int i = 0; i < 100; i++) {
            expected[2 * i] = (byte) i;
            expected[2 * i + 1] = (byte) (i + 1);
        }
        expected[200] = 7;
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThatThrownBy(() -> writer.write(new byte[4]))
                .isInstanceOf(IOException.class)
                .hasMessage("output already flushed and ended");
    }
}
