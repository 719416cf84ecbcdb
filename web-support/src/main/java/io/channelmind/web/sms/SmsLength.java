package io.channelmind.web.sms;

/**
 * Measures text the way a mobile network does for one SMS (3GPP TS 23.038). Text made only of
 * characters from the GSM 7-bit default alphabet is sent in 7-bit septets, 160 per message, and
 * characters of its extension table take two septets. Any other character, such as Chinese,
 * switches the whole message to UCS-2, 70 UTF-16 code units per message. A longer text is sent
 * as a concatenated SMS, whose user data header leaves 153 septets or 67 code units per segment.
 * An extension character (escape and character) or an emoji's surrogate pair is never split
 * between two segments, so a segment may end one unit short.
 *
 * <p>content-service checks generated copy against these limits, and automation-service counts
 * the segments of each filled message it sends.
 */
public final class SmsLength {

    /** The encoding a text is sent in. */
    public enum Encoding {
        GSM7, UCS2
    }

    /**
     * Result of {@link #count}.
     *
     * @param units    septets for GSM-7, UTF-16 code units for UCS-2
     * @param segments messages the network bills: 1 for an empty text, which is still one message
     */
    public record Count(Encoding encoding, int units, int segments) {
    }

    public static final int GSM7_LIMIT = 160;
    public static final int UCS2_LIMIT = 70;
    public static final int GSM7_SEGMENT = 153;
    public static final int UCS2_SEGMENT = 67;

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

    /** Returns 153 for GSM 7-bit text and 67 for UCS-2 text: the room of one concatenated segment. */
    public static int segmentLimit(String text) {
        return isGsm7(text) ? GSM7_SEGMENT : UCS2_SEGMENT;
    }

    /** Returns the number of segments a network bills for the text: 1 when it fits one SMS, 0 for empty text. */
    public static int segments(String text) {
        int length = length(text);
        if (length == 0) {
            return 0;
        }
        if (length <= limit(text)) {
            return 1;
        }
        boolean gsm7 = isGsm7(text);
        int room = segmentLimit(text);
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int units = Character.charCount(codePoint);
            if (gsm7) {
                units = GSM7_EXTENSION.indexOf(codePoint) >= 0 ? 2 : 1;
            }
            if (used + units > room) {
                segments++;
                used = 0;
            }
            used += units;
            i += Character.charCount(codePoint);
        }
        return segments;
    }

    /** Returns the encoding, length and billed segments of a message that is sent, empty or not. */
    public static Count count(String text) {
        return new Count(isGsm7(text) ? Encoding.GSM7 : Encoding.UCS2, length(text), Math.max(1, segments(text)));
    }

    /** Tells whether the text is billed as at most {@code maxSegments} segments. */
    public static boolean fits(String text, int maxSegments) {
        return segments(text) <= maxSegments;
    }
}
