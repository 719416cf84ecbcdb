package io.channelmind.web.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GSM-7, 160 characters, one segment   | a | 160 | 1",
            "GSM-7, 161 characters, two segments  | a | 161 | 2",
            "GSM-7, 306 characters, two segments  | a | 306 | 2",
            "GSM-7, 307 characters, three         | a | 307 | 3",
            "UCS-2, 70 Chinese characters, one    | 好 | 70 | 1",
            "UCS-2, 71 Chinese characters, two    | 好 | 71 | 2",
            "UCS-2, 134 Chinese characters, two   | 好 | 134 | 2",
            "UCS-2, 135 Chinese characters, three | 好 | 135 | 3",
            "GSM-7 extension, 80 euro signs, one  | € | 80 | 1",
            "GSM-7 extension, 81 euro signs, two  | € | 81 | 2",
            "emoji, 35 in one segment             | 😀 | 35 | 1",
            "emoji, 36 need two segments          | 😀 | 36 | 2"})
    void segmentsAreCounted(String name, String character, int repeat, int segments) {
        assertEquals(segments, SmsLength.segments(character.repeat(repeat)));
    }

    @Test
    void extensionCharacterIsNotSplitAcrossSegments() {
        // 152 septets and then an escape pair: the pair moves whole into the second segment.
        String text = "a".repeat(152) + "€" + "a".repeat(152);

        assertEquals(306, SmsLength.length(text));
        assertEquals(3, SmsLength.segments(text));
    }

    @Test
    void emojiSurrogatePairIsNotSplitAcrossSegments() {
        String text = "好".repeat(66) + "😀" + "好".repeat(66);

        assertEquals(134, SmsLength.length(text));
        assertEquals(3, SmsLength.segments(text));
    }

    @Test
    void oneEmojiSwitchesLatinTextToUcs2() {
        String text = "a".repeat(69) + "😀";

        assertFalse(SmsLength.isGsm7(text));
        assertEquals(2, SmsLength.segments(text));
    }

    @Test
    void fitsHonoursAllowedSegments() {
        String text = "好".repeat(100);

        assertFalse(SmsLength.fits(text, 1));
        assertTrue(SmsLength.fits(text, 2));
    }

    @Test
    void emptyTextHasNoSegment() {
        assertEquals(0, SmsLength.segments(""));
    }
}
