package dev.sluice.core.csv;

import java.nio.charset.StandardCharsets;

/** Test inputs are written as Java strings whose chars are bytes (ISO-8859-1), so any byte can be expressed. */
final class Latin1 {
    static final String BOM = "\u00ef\u00bb\u00bf";

    private Latin1() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
