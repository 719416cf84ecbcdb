package io.channelmind.content.domain;

/**
 * Measures text the way a mobile network does for one SMS (3GPP TS 23.038). Text made only of
 * characters from the GSM 7-bit default alphabet is sent in 7-bit septets, 160 per message, and
 * characters of its extension table take two septets. Any other character, such as Chinese,
 * switches the whole message to UCS-2, 70 UTF-16 code units per message.
 */
public final class SmsLength {

    public static final int GSM7_LIMIT = 160;
    public static final int UCS2_LIMIT = 70;

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    private SmsLength() {
    }

    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0);
    }

    /** Returns the length in the message's own unit: septets for GSM 7-bit, code units for UCS-2. */
    public static int length(String text) {
        if (!isGsm7(text)) {
            return text.length();
        }
        return text.chars().map(c -> GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
    }

    /** Returns 160 for GSM 7-bit text and 70 for text that needs UCS-2. */
    public static int limit(String text) {
        return isGsm7(text) ? GSM7_LIMIT : UCS2_LIMIT;
    }

    public static boolean fitsOneMessage(String text) {
        return length(text) <= limit(text);
    }
}
