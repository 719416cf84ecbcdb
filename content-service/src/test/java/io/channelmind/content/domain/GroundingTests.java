package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GroundingTests {

    private static final CopyBrief BRIEF = new CopyBrief("Wealth Plus", "3.5% a year on 1,000 CNY or more",
            "Apply now", "https://bank.example/wealth?c=7");

    @Test
    void numbersFromBriefPass() {
        assertTrue(Grounding.violations(BRIEF, "Earn 3.5% a year from 1000 CNY: https://bank.example/wealth?c=7").isEmpty());
    }

    @Test
    void inventedNumberIsReported() {
        assertEquals(1, Grounding.violations(BRIEF, "Earn 4.5% a year").size());
    }

    @Test
    void inventedLinkIsReported() {
        assertEquals(1, Grounding.violations(BRIEF, "Apply at https://other.example/apply.").size());
    }

    @Test
    void inventedEmailAddressIsReported() {
        assertEquals(1, Grounding.violations(BRIEF, "Write to help@bank.example").size());
    }

    @Nested
    class WrittenInWords {

        private static final CopyBrief CHINESE = new CopyBrief("轻享理财", "全场八折，活动三天，满两件再享半价", "立即抢购", null);
        private static final CopyBrief ENGLISH = new CopyBrief("Glow Serum", "Half price for two days from Dec 12", "Shop now",
                null);

        @Test
        void chineseFactsFromBriefPass() {
            assertEquals(List.of(), Grounding.violations(CHINESE, "全场8折，三天有效，满两件半价"));
            assertEquals(List.of(), Grounding.violations(CHINESE, "限时20% off，买2件五折"));
        }

        @Test
        void inventedChineseDiscountIsReported() {
            assertEquals(List.of("The copy contains the discount 七五折 (25% off), which is not in the brief; "
                    + "use only discounts from the brief."), Grounding.violations(CHINESE, "全场七五折"));
        }

        @Test
        void inventedChineseCountIsReported() {
            assertEquals(List.of("The copy contains the number 五天 (5), which is not in the brief; "
                    + "use only numbers from the brief."), Grounding.violations(CHINESE, "活动五天"));
        }

        @Test
        void chineseTenthsMatchPercent() {
            CopyBrief brief = new CopyBrief("稳健基金", "手续费立减30%", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "手续费立减三成"));
            assertEquals(1, Grounding.violations(brief, "手续费立减四成").size());
        }

        @Test
        void chineseDateMatchesEnglishDate() {
            CopyBrief brief = new CopyBrief("Glow Serum", "Sale on Dec 12", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "12月12日开抢"));
            assertEquals(List.of("The copy contains the date 12月11日 (December 11), which is not in the brief; "
                    + "use only dates from the brief."), Grounding.violations(brief, "12月11日开抢"));
        }

        @Test
        void slashDateMatchesChineseDate() {
            CopyBrief brief = new CopyBrief("轻享理财", "12月1日开抢", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "12/1 开抢"));
            // The digits 1 and 12 are both in the brief, but 1/12 is another day.
            assertEquals(List.of("The copy contains the date 1/12 (January 12), which is not in the brief; "
                    + "use only dates from the brief."), Grounding.violations(brief, "1/12 开抢"));
        }

        @Test
        void slashDateMatchesEnglishDate() {
            assertEquals(List.of(), Grounding.violations(ENGLISH, "Half price for two days from 12/12"));
            assertEquals(List.of(), Grounding.violations(ENGLISH, "Half price for two days from 12/12."));
            assertEquals(1, Grounding.violations(ENGLISH, "Half price for two days from 12/13").size());
        }

        @Test
        void dayFirstSlashDateIsRead() {
            CopyBrief brief = new CopyBrief("Glow Serum", "Sale on 25 December", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "Sale on 25/12"));
            assertEquals(1, Grounding.violations(brief, "Sale on 26/12").size());
        }

        @Test
        void longerSlashRunsStayNumbers() {
            CopyBrief brief = new CopyBrief("Glow Serum", "Sale on 2025/12/12, code 1/2/3", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "Sale on 2025/12/12, code 1/2/3"));
            assertEquals(List.of("The copy contains the number 2026, which is not in the brief; use only numbers from the brief."),
                    Grounding.violations(brief, "Sale on 2026/12/12"));
        }

        @Test
        void englishFactsFromBriefPass() {
            assertEquals(List.of(), Grounding.violations(ENGLISH, "Half price for 2 days, from December 12th"));
            assertEquals(List.of(), Grounding.violations(ENGLISH, "50% off for two days from 12 Dec"));
        }

        @Test
        void inventedEnglishCountIsReported() {
            assertEquals(List.of("The copy contains the number three (3), which is not in the brief; "
                    + "use only numbers from the brief."), Grounding.violations(ENGLISH, "Half price for three days"));
        }

        @Test
        void inventedEnglishDateIsReported() {
            assertEquals(1, Grounding.violations(ENGLISH, "Half price from Dec 13").size());
        }

        @Test
        void inventedEnglishDiscountIsReported() {
            assertEquals(1, Grounding.violations(ENGLISH, "30% off for two days").size());
        }

        @Test
        void wordsThatAreNoFactsPass() {
            assertEquals(List.of(), Grounding.violations(CHINESE, "一起来抢购，十分划算，成功下单即可"));
            assertEquals(List.of(), Grounding.violations(ENGLISH, "One serum, one glow. Market favourite"));
        }

        @Test
        void chineseTenthsWithHundredthsAreRead() {
            CopyBrief brief = new CopyBrief("稳健基金", "八成用户续投，满意度75%，好评率85%", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "80%用户续投，满意度七成五，好评率八成半"));
            assertEquals(List.of("The copy contains the percentage 九成五 (95%), which is not in the brief; "
                    + "use only percentages from the brief."), Grounding.violations(brief, "满意度九成五"));
            assertEquals(List.of("The copy contains the percentage 七成 (70%), which is not in the brief; "
                    + "use only percentages from the brief."), Grounding.violations(brief, "七成用户续投"));
        }

        @Test
        void englishProportionsMatchPercent() {
            CopyBrief brief = new CopyBrief("Glow Serum", "80% of users saw a glow", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "Eight in ten users saw a glow"));
            assertEquals(List.of(), Grounding.violations(brief, "8 out of 10 users saw a glow"));
            assertEquals(List.of("The copy contains the percentage 9 in 10 (90%), which is not in the brief; "
                    + "use only percentages from the brief."), Grounding.violations(brief, "9 in 10 users saw a glow"));
            assertEquals(1, Grounding.violations(brief, "three out of four users saw a glow").size());
        }

        @Test
        void loneChineseOneBeforeUnitIsCount() {
            CopyBrief brief = new CopyBrief("轻享理财", "一年期，限时1天", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "1年期产品，仅限一天"));
            assertEquals(List.of("The copy contains the number 一天 (1), which is not in the brief; "
                    + "use only numbers from the brief."), Grounding.violations(CHINESE, "活动一天"));
            assertEquals(List.of(), Grounding.violations(CHINESE, "一起来抢购，一件好物，一年一度"));
        }

        @Test
        void loneEnglishOneBeforeUnitIsCount() {
            CopyBrief brief = new CopyBrief("Glow Serum", "One-day sale", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "Sale for 1 day"));
            assertEquals(List.of("The copy contains the number one day (1), which is not in the brief; "
                    + "use only numbers from the brief."), Grounding.violations(ENGLISH, "Half price for one day"));
            assertEquals(List.of(), Grounding.violations(ENGLISH, "One serum for the one you love"));
        }

        @Test
        void chineseOrdinalsAreCounts() {
            CopyBrief brief = new CopyBrief("轻享理财", "第二件半价", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "第2件半价"));
            assertEquals(List.of("The copy contains the number 第三 (3), which is not in the brief; "
                    + "use only numbers from the brief."), Grounding.violations(brief, "第三件半价"));
            assertEquals(1, Grounding.violations(new CopyBrief("轻享理财", "第3件半价", null, null), "第二件半价").size());
            // 第一 is a ranking more often than an ordinal, so grounding leaves it to the restricted-terms check.
            assertEquals(List.of(), Grounding.violations(brief, "第一次购买"));
        }

        @Test
        void englishOrdinalsAreCounts() {
            CopyBrief brief = new CopyBrief("Glow Serum", "Half price on your second serum", null, null);

            assertEquals(List.of(), Grounding.violations(brief, "The 2nd serum is half price"));
            assertEquals(List.of("The copy contains the number third (3), which is not in the brief; "
                    + "use only numbers from the brief."), Grounding.violations(brief, "Half price on the third serum"));
            assertEquals(List.of(), Grounding.violations(ENGLISH, "Half price for two days, ready in a second"));
        }

        @Test
        void chineseNumeralsAreRead() {
            assertEquals(3, WrittenFacts.chineseNumber("三"));
            assertEquals(12, WrittenFacts.chineseNumber("十二"));
            assertEquals(250, WrittenFacts.chineseNumber("两百五十"));
            assertEquals(2025, WrittenFacts.chineseNumber("二〇二五"));
            assertEquals(12_000, WrittenFacts.chineseNumber("一万二千"));
        }
    }
}
