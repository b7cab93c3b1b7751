package dev.sluice.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SwarTest {

    private static long word(String s) {
        byte[] b = new byte[16];
        byte[] src = s.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(src, 0, b, 0, Math.min(src.length, 16));
        return Swar.word(b, 0);
    }

    @Test
    void eqFlagsExactlyTheMatchingBytesEvenNextToZeroBytes() {
        long w = word("a,\u0000,b,,\u00ac");
        assertThat(Long.bitCount(Swar.eq(w, Swar.COMMAS))).isEqualTo(4);
        assertThat(Swar.firstByte(Swar.eq(w, Swar.COMMAS))).isEqualTo(1);
    }
}
