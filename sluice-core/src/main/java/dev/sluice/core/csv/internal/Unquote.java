package dev.sluice.core.csv.internal;

import java.util.Arrays;

/** Turns a field's raw bytes into its value: the quoted part unescaped ({@code ""} to {@code "}), any tail as is. */
final class Unquote {
    private Unquote() {}

    /**
     * The value of the raw field {@code b[start, end)} (its line end already excluded). A field starting with a quote
     * runs to the closing quote; bytes after the closing quote are kept literally (lenient, like most readers).
     */
    static byte[] value(byte[] b, int start, int end) {
        if (start == end || b[start] != '"') {
            return Arrays.copyOfRange(b, start, end);
        }
        byte[] out = new byte[end - start];
        int n = 0;
        int i = start + 1;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                if (i + 1 < end && b[i + 1] == '"') {
                    out[n++] = '"';
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            out[n++] = c;
            i++;
        }
        while (i < end) {
            out[n++] = b[i++];
        }
        return Arrays.copyOf(out, n);
    }
}
