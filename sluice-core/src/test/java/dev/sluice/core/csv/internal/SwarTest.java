package dev.sluice.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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

    @Test
    void leadingDigitsStopsAtTheFirstNonDigitWhateverFollows() {
        assertThat(Swar.leadingDigits(word("12.5,xyz"))).isEqualTo(2);
        assertThat(Swar.leadingDigits(word("12345678"))).isEqualTo(8);
        assertThat(Swar.leadingDigits(word("/0123456"))).isZero();
        assertThat(Swar.leadingDigits(word("9:\u00ff\u0000"))).isEqualTo(1);
        assertThat(Swar.leadingDigits(word("1\u00b9\u00ba"))).isEqualTo(1);
    }

    @Property(tries = 500)
    void parseDigitsEqualsLongParse(@ForAll @IntRange(min = 0, max = 99_999_999) int n,
                                    @ForAll @IntRange(min = 0, max = 255) int after) {
        String digits = Integer.toString(n);
        String s = digits + (char) after + "xxxxxxx";
        long w = word(s);
        int count = Swar.leadingDigits(w);
        int expected = digits.length() + (after >= '0' && after <= '9' ? 1 : 0);
        assertThat(count).isEqualTo(Math.min(expected, 8));
        assertThat(Swar.parseDigits(w, digits.length())).isEqualTo(n);
    }
}
