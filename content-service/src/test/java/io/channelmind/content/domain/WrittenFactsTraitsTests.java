package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The patterns that {@link WrittenFacts.Traits} skips must not change the facts found. */
class WrittenFactsTraitsTests {

    private static final List<String> TEXTS = List.of(
            "全场八折，活动三天，满两件再享半价", "限时20% off，买2件五折", "手续费立减三成", "七成五的用户满意", "八成半",
            "12月12日开抢", "十二月一日", "第二件半价", "第十二期", "一天内发货", "一年期定存", "百分之三十", "百分之25",
            "Half price for two days from Dec 12", "half-price", "Sale on Dec 12th", "12 December", "2025-12-12", "12/12",
            "25/12", "1/2/3", "8 out of 10 customers", "eight in ten", "Three out of four", "one in a hundred",
            "the second item", "your Third order", "twelfth day", "one-year plan", "one day only", "twenty-five items",
            "Forty-two", "Open online today. Reply STOP to opt out", "Bench Savings 123\nOpen online\n\n",
            "oneself tends", "HALF OFF", "Earn 3.5% a year from 1000 CNY", "满2件享8.5折", "Dec 12 和 12月12日",
            "Glow Serum 两件 three days 30％", "二two三", "ａｂｃ１２", "Ｄｅｃ １２", "〇〇七", "第一", "first", "");

    private static final List<String> PIECES = List.of("月", "日", "号", "12", "1", "2025-", "-", "/", "折", "八", "七", "五",
            "成", "半", "价", "第", "二", "三", "十", "一", "天", "年", "件", "百分之", "〇", "两", "%", "％", " off", "off",
            " ", "  ", "two", "Half", "half", " price", "price", "one", "One", "day", "days", "Dec", "December", "st", "in",
            "ten", "out of", "a hundred", "hundred", "second", "the ", "Twelfth", "third", "-one", "nine", "k", "\u017f",
            "\u212a", "é", "_", ".", ",", "成功", "期", "小时", "x", "Sept");

    @Test
    void skippedPatternsChangeNoFacts() {
        for (String text : TEXTS) {
            assertEquals(WrittenFacts.find(text, WrittenFacts.Traits.ANY), WrittenFacts.find(text), text);
        }
    }

    @Test
    void skippedPatternsChangeNoFactsInRandomTexts() {
        Random random = new Random(20261205);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(8);
            for (int j = 0; j < pieces; j++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String sample = text.toString();
            assertEquals(WrittenFacts.find(sample, WrittenFacts.Traits.ANY), WrittenFacts.find(sample), sample);
        }
    }

    @Test
    void traitsOfEnglishCopy() {
        WrittenFacts.Traits traits = WrittenFacts.Traits.of("Open online today. Reply STOP to opt out");

        assertFalse(traits.han());
        assertFalse(traits.digit());
        assertTrue(traits.latinLetter());
        assertFalse(traits.englishNumberWord());
    }

    @Test
    void traitsOfMixedText() {
        WrittenFacts.Traits traits = WrittenFacts.Traits.of("两件 Twenty-Five 30％");

        assertTrue(traits.han());
        assertTrue(traits.digit());
        assertTrue(traits.latinLetter());
        assertTrue(traits.englishNumberWord());
    }

    @Test
    void fullWidthDigitsAndLettersAreNotAscii() {
        WrittenFacts.Traits traits = WrittenFacts.Traits.of("Ｄｅｃ １２");

        assertFalse(traits.digit());
        assertFalse(traits.latinLetter());
    }
}
