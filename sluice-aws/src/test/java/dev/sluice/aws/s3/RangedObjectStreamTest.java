package dev.sluice.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The read-ahead stream on its own, with an in-memory fetcher: order, exact bytes, and fixed memory. */
class RangedObjectStreamTest {

    private static final int RANGE = 64;
    private static final int IN_FLIGHT = 3;

    @Test
    void aLongObjectReusesInFlightPlusOneBuffersAndArrivesInOrder() throws IOException {
        long size = 1000L * RANGE + 7;
        Set<byte[]> buffers = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        RangedObjectStream.RangeFetcher fetcher = (start, into, length) -> {
            buffers.add(into);
            for (int i = 0; i < length; i++) {
                into[i] = valueAt(start + i);
            }
        };
        byte[] first = new byte[RANGE];
        fetcher.fetch(0, first, RANGE);

        byte[] read;
        try (var in = new RangedObjectStream(fetcher, first, RANGE, size, RANGE, IN_FLIGHT)) {
            read = in.readAllBytes();
        }
        assertThat(read).hasSize((int) size);
        for (int i = 0; i < read.length; i++) {
            if (read[i] != valueAt(i)) {
                throw new AssertionError("byte " + i + " is " + read[i] + ", expected " + valueAt(i));
            }
        }
        assertThat(buffers).as("distinct range buffers").hasSizeLessThanOrEqualTo(IN_FLIGHT + 1);
    }

    private static byte valueAt(long position) {
        return (byte) (position * 31 + position / RANGE);
    }
}
