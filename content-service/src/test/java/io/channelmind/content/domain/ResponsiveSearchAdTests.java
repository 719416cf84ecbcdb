package io.channelmind.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsiveSearchAdTests {

    private static final List<String> HEADLINES = List.of("Aurora Savings", "3.5% a year", "Open online today");
    private static final List<String> DESCRIPTIONS = List.of("Aurora Savings pays 3.5% a year.", "Open an account in minutes.");

    @ParameterizedTest
    @CsvSource({"Aurora, 6", "稳盈储蓄, 8", "稳盈储蓄 3.5%, 13", "年化３．５％, 12", "稳盈，储蓄, 10", "한국어, 6", "カタカナ, 8"})
    void widthCountsCjkTwice(String text, int width) {
        assertEquals(width, ResponsiveSearchAd.width(text));
    }

    @Test
    void validAdPasses() {
        ResponsiveSearchAd ad = new ResponsiveSearchAd(HEADLINES, DESCRIPTIONS, List.of("savings", "储蓄"));

        assertEquals(List.of(), ad.violations());
    }

    @Test
    void mixedHeadlineAtThirtyPasses() {
        // 12 Chinese characters (24) and 6 Latin characters: exactly 30.
        String headline = "稳盈储蓄年化收益立即开户" + "3.5%AB";

        assertEquals(30, ResponsiveSearchAd.width(headline));
        assertEquals(List.of(), new ResponsiveSearchAd(List.of(headline, "B", "C"), DESCRIPTIONS, List.of()).violations());
    }

    @Test
    void mixedHeadlineOverThirtyIsRejected() {
        // 18 characters, but the 13 Chinese characters count as 26, so the width is 31.
        String headline = "稳盈储蓄年化收益立即开户好" + "3.5%A";

        List<String> violations = new ResponsiveSearchAd(List.of(headline, "B", "C"), DESCRIPTIONS, List.of()).violations();

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("is 31 wide"), violations.get(0));
    }

    @Test
    void chineseDescriptionOverNinetyIsRejected() {
        String description = "好".repeat(46);

        List<String> violations = new ResponsiveSearchAd(HEADLINES, List.of(description, "B"), List.of()).violations();

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("92 wide"), violations.get(0));
    }

    @Test
    void headlineCountIsEnforced() {
        assertEquals(1, new ResponsiveSearchAd(List.of("A", "B"), DESCRIPTIONS, List.of()).violations().size());
        List<String> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add("Headline " + i);
        }
        assertEquals(1, new ResponsiveSearchAd(sixteen, DESCRIPTIONS, List.of()).violations().size());
    }

    @Test
    void descriptionCountIsEnforced() {
        assertEquals(1, new ResponsiveSearchAd(HEADLINES, List.of("Only one"), List.of()).violations().size());
        assertEquals(1, new ResponsiveSearchAd(HEADLINES, Collections.nCopies(5, "Same"), List.of()).violations().size());
    }

    @Test
    void duplicateHeadlineIsRejected() {
        List<String> violations = new ResponsiveSearchAd(List.of("Aurora Savings", "aurora  savings", "C"), DESCRIPTIONS,
                List.of()).violations();

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("appears twice"), violations.get(0));
    }

    @Test
    void displayPathLimitsAreEnforced() {
        assertEquals(1, new ResponsiveSearchAd(HEADLINES, DESCRIPTIONS, List.of("稳盈储蓄年化收益")).violations().size());
        assertEquals(1, new ResponsiveSearchAd(HEADLINES, DESCRIPTIONS, List.of("a", "b", "c")).violations().size());
        assertEquals(1, new ResponsiveSearchAd(HEADLINES, DESCRIPTIONS, List.of("save/now")).violations().size());
    }

    @Test
    void bodyRoundTripKeepsAd() {
        ResponsiveSearchAd ad = new ResponsiveSearchAd(List.of("稳盈储蓄", "年化3.5%", "Open online"), DESCRIPTIONS,
                List.of("savings", "稳盈"));

        assertEquals(ad, ResponsiveSearchAd.fromBody(ad.toBody()));
        assertEquals(ad.headlines(), ResponsiveSearchAd.fromBody(new ResponsiveSearchAd(ad.headlines(), DESCRIPTIONS, List.of())
                .toBody()).headlines());
    }

    @Test
    void lineBreakInHeadlineIsRejected() {
        List<String> violations = new ResponsiveSearchAd(List.of("Aurora\nSavings", "B", "C"), DESCRIPTIONS, List.of()).violations();

        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains("line break"), violations.get(0));
    }

    @Test
    void validPartDropsBrokenTexts() {
        // 稳盈储蓄年化收益率高达百分之三点五 is 17 Chinese characters, 34 wide.
        List<String> headlines = List.of("稳盈储蓄年化收益率高达百分之三点五", "Aurora Savings", "aurora savings", "3.5% a year", "Open now");
        List<String> descriptions = List.of("D".repeat(91), "Aurora Savings pays 3.5% a year.", "Open an account in minutes.");
        ResponsiveSearchAd ad = new ResponsiveSearchAd(headlines, descriptions, List.of("save/now"));

        ResponsiveSearchAd part = ad.validPart().orElseThrow();

        assertEquals(List.of("Aurora Savings", "3.5% a year", "Open now"), part.headlines());
        assertEquals(DESCRIPTIONS, part.descriptions());
        assertEquals(List.of(), part.paths());
        assertEquals(List.of(), part.violations());
    }

    @Test
    void validPartNeedsMinimumCounts() {
        ResponsiveSearchAd ad = new ResponsiveSearchAd(List.of("Aurora Savings", "AURORA SAVINGS", "3.5% a year"), DESCRIPTIONS,
                List.of());

        assertTrue(ad.validPart().isEmpty());
    }
}
