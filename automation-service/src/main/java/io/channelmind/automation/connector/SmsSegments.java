package io.channelmind.automation.connector;

import java.util.BitSet;

/**
 * Counts the SMS segments a text needs (3GPP TS 23.038 alphabet, TS 23.040 concatenation). Text
 * made only of the GSM 7-bit default alphabet and its extension table is sent in septets: 160 in
 * a single message and 153 per part of a concatenated one, because the user data header takes 7.
 * An extension character takes two septets, which are never split across parts. Any other character
 * switches the whole text to UCS-2: 70 UTF-16 code units alone, 67 per part, and a surrogate
 * pair (an emoji, for example) is never split.
 */
public final class SmsSegments {

    /** The encoding a text is sent in. */
    public enum Encoding {
        GSM7, UCS2
    }

    /**
     * Result of a count.
     *
     * @param units    septets for GSM-7, UTF-16 code units for UCS-2
     * @param segments messages the network bills; 1 for an empty text
     */
    public record Count(Encoding encoding, int units, int segments) {
    }

    private static final BitSet BASIC = new BitSet();
    private static final BitSet EXTENSION = new BitSet();

    static {
        "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r".chars().forEach(BASIC::set);
        " !\"#%&'()*+,-./:;<=>?".chars().forEach(BASIC::set);
        BASIC.set('0', '9' + 1);
        BASIC.set('A', 'Z' + 1);
        BASIC.set('a', 'z' + 1);
        "\f^{}\\[~]|€".chars().forEach(EXTENSION::set);
    }

    private SmsSegments() {
    }

    public static Count count(String text) {
        boolean gsm7 = text.chars().allMatch(c -> BASIC.get(c) || EXTENSION.get(c));
        return gsm7 ? countGsm7(text) : countUcs2(text);
    }

    private static Count countGsm7(String text) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            total += EXTENSION.get(text.charAt(i)) ? 2 : 1;
        }
        if (total <= 160) {
            return new Count(Encoding.GSM7, total, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int width = EXTENSION.get(text.charAt(i)) ? 2 : 1;
            if (used + width > 153) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new Count(Encoding.GSM7, total, segments);
    }

    private static Count countUcs2(String text) {
        int total = text.length();
        if (total <= 70) {
            return new Count(Encoding.UCS2, total, 1);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int width = Character.charCount(text.codePointAt(i));
            if (used + width > 67) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new Count(Encoding.UCS2, total, segments);
    }
}
