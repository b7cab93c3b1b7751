package dev.sluice.core.csv.internal;

import java.io.IOException;
import java.io.OutputStream;

/** Large writes cut into pieces of at most {@link #MAX_WRITE} bytes, for both output paths (direct and background). */
final class PiecewiseWrites {

    /**
     * The largest single write: on this machine (JDK 25, ext4) writing 1 GB through FileOutputStream took ~0.3 s in
     * 64 KiB writes and 4-6 s in 1 MiB writes (JNI copies each write through a malloc'd buffer of its size).
     */
    static final int MAX_WRITE = 64 << 10;

    private PiecewiseWrites() {}

    static void write(OutputStream out, byte[] b, int off, int len) throws IOException {
        for (int end = off + len; off < end; off += MAX_WRITE) {
            out.write(b, off, Math.min(MAX_WRITE, end - off));
        }
    }
}
