package io.channelmind.web.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.channelmind.web.sms.SmsLength.Count;
import io.channelmind.web.sms.SmsLength.Encoding;

class SmsCountTest {

    @Test
    void gsm7SingleAndConcatenated() {
        assertEquals(new Count(Encoding.GSM7, 0, 1), SmsLength.count(""));
        assertEquals(new Count(Encoding.GSM7, 160, 1), SmsLength.count("a".repeat(160)));
        assertEquals(new Count(Encoding.GSM7, 161, 2), SmsLength.count("a".repeat(161)));
        assertEquals(new Count(Encoding.GSM7, 306, 2), SmsLength.count("a".repeat(306)));
        assertEquals(new Count(Encoding.GSM7, 307, 3), SmsLength.count("a".repeat(307)));
        assertEquals(Encoding.GSM7, SmsLength.count("@£$¥ èé ΔΩ ÆØÅ ¿¡ §").encoding());
        assertEquals(Encoding.UCS2, SmsLength.count("naïve").encoding());
    }

    @Test
    void gsm7ExtensionCountsTwice() {
        assertEquals(new Count(Encoding.GSM7, 160, 1), SmsLength.count("€".repeat(80)));
        assertEquals(new Count(Encoding.GSM7, 162, 2), SmsLength.count("€".repeat(81)));
        assertEquals(new Count(Encoding.GSM7, 12, 1), SmsLength.count("[{~^|\\}]€\f".substring(0, 6)));
        // 152 septets, then an escape pair that would straddle the part boundary moves to part two.
        assertEquals(new Count(Encoding.GSM7, 306, 3), SmsLength.count("a".repeat(152) + "€" + "a".repeat(152)));
    }

    @Test
    void chineseSwitchesToUcs2() {
        assertEquals(new Count(Encoding.UCS2, 70, 1), SmsLength.count("中".repeat(70)));
        assertEquals(new Count(Encoding.UCS2, 71, 2), SmsLength.count("中".repeat(71)));
        assertEquals(new Count(Encoding.UCS2, 134, 2), SmsLength.count("中".repeat(134)));
        assertEquals(new Count(Encoding.UCS2, 135, 3), SmsLength.count("中".repeat(135)));
        assertEquals(new Count(Encoding.UCS2, 161, 3), SmsLength.count("a".repeat(160) + "中"));
    }

    @Test
    void emojiIsTwoCodeUnitsAndNeverSplit() {
        assertEquals(new Count(Encoding.UCS2, 70, 1), SmsLength.count("😀".repeat(35)));
        assertEquals(new Count(Encoding.UCS2, 72, 2), SmsLength.count("😀".repeat(36)));
        assertEquals(new Count(Encoding.UCS2, 134, 3), SmsLength.count("中".repeat(66) + "😀" + "中".repeat(66)));
    }
}
