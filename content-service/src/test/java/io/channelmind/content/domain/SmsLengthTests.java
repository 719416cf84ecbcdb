package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmsLengthTests {

    @Test
    void asciiTextFitsUpTo160() {
        String text = "a".repeat(160);

        assertTrue(SmsLength.fitsOneMessage(text));
        assertFalse(SmsLength.fitsOneMessage(text + "b"));
    }

    @Test
    void extensionCharacterCountsTwice() {
        String text = "Save 10€ [today]";

        assertTrue(SmsLength.isGsm7(text));
        assertEquals(text.length() + 3, SmsLength.length(text));
    }

    @Test
    void chineseTextSwitchesTo70() {
        String text = "好".repeat(70);

        assertEquals(70, SmsLength.limit(text));
        assertTrue(SmsLength.fitsOneMessage(text));
        assertFalse(SmsLength.fitsOneMessage(text + "a"));
    }

    @Test
    void oneChineseCharacterSwitchesWholeMessage() {
        String text = "a".repeat(70) + "好";

        assertFalse(SmsLength.isGsm7(text));
        assertFalse(SmsLength.fitsOneMessage(text));
    }

    @Test
    void emojiCountsTwoCodeUnits() {
        assertEquals(2, SmsLength.length("😀"));
    }

    @Test
    void curlyQuoteIsNotGsm7() {
        assertFalse(SmsLength.isGsm7("It’s here"));
    }
}
