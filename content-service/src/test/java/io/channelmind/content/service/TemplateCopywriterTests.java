package io.channelmind.content.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.channelmind.content.domain.AudienceSummary;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.ChannelRules;
import io.channelmind.content.domain.CopyBrief;
import io.channelmind.content.domain.CopyLocale;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GeneratedCopy;
import io.channelmind.content.domain.ResponsiveSearchAd;

class TemplateCopywriterTests {

    private final TemplateCopywriter copywriter = new TemplateCopywriter();

    static Stream<Arguments> briefs() {
        List<CopyBrief> briefs = List.of(
                new CopyBrief("Wealth Plus", "3.5% a year", "Apply now", "https://bank.example/w"),
                new CopyBrief("稳盈理财", "年化3.5%", "立即申请", "https://bank.example/w"),
                new CopyBrief("Wealth Plus", null, null, null),
                new CopyBrief("P".repeat(200), "O".repeat(500), "C".repeat(100), "https://bank.example/" + "u".repeat(470)),
                new CopyBrief("产".repeat(200), "优".repeat(500), "点".repeat(100), "https://bank.example/" + "u".repeat(470)),
                new CopyBrief("Tea~{set}", "€5 off [today]", "Buy", "https://shop.example/t"));
        List<Arguments> arguments = new ArrayList<>();
        for (ChannelFormat format : ChannelFormat.values()) {
            for (CopyLocale locale : CopyLocale.values()) {
                for (CopyBrief brief : briefs) {
                    arguments.add(Arguments.of(format, locale, brief));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @MethodSource("briefs")
    void templateAlwaysMeetsChannelRules(ChannelFormat format, CopyLocale locale, CopyBrief brief) {
        CopySpec spec = new CopySpec(null, null, format.name().toLowerCase(), format, locale, brief, AudienceSummary.unknown());

        GeneratedCopy copy = copywriter.write(spec);

        assertEquals(List.of(), ChannelRules.violations(format, locale, copy.subject(), copy.body()));
    }

    @Test
    void smsKeepsWholeBriefWhenItFits() {
        CopyBrief brief = new CopyBrief("Wealth Plus", "3.5% a year", "Apply now", "https://bank.example/w");

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SMS, CopyLocale.EN, brief, AudienceSummary.unknown()));

        assertEquals("Good news! Wealth Plus: 3.5% a year. Apply now: https://bank.example/w Reply STOP to opt out", copy.body());
        assertTrue(copy.warnings().isEmpty());
    }

    @Test
    void chineseSmsKeepsLinkApartFromOptOut() {
        CopyBrief brief = new CopyBrief("稳盈理财", "年化3.5%", "立即申请", "https://bank.example/w");

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SMS, CopyLocale.ZH_CN, brief, AudienceSummary.unknown()));

        assertEquals("好消息！稳盈理财：年化3.5%。立即申请：https://bank.example/w 回T退订", copy.body());
    }

    @Test
    void longBriefIsShortenedWithWarning() {
        CopyBrief brief = new CopyBrief("P".repeat(200), null, null, "https://bank.example/w");

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SMS, CopyLocale.EN, brief, AudienceSummary.unknown()));

        assertTrue(copy.body().contains("https://bank.example/w"));
        assertTrue(copy.warnings().get(0).startsWith(TemplateCopywriter.SHORTENED + ":"));
    }

    @Test
    void loyalAudienceIsThanked() {
        AudienceSummary loyal = new AudienceSummary(500L, Map.of(AudienceSummary.CONVERSION_RATE, 0.3));

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SOCIAL, CopyLocale.EN, new CopyBrief("Tea", null, null, null), loyal));

        assertTrue(copy.body().startsWith("Thank you for staying with us!"));
    }

    @Test
    void lapsedAudienceIsWelcomedBack() {
        AudienceSummary lapsed = new AudienceSummary(500L, Map.of(AudienceSummary.RECENCY_DAYS, 120));

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SOCIAL, CopyLocale.ZH_CN, new CopyBrief("茶", null, null, null), lapsed));

        assertTrue(copy.body().startsWith("好久不见！"));
    }

    @Test
    void emailHasSubjectAndPlaceholders() {
        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.EMAIL, CopyLocale.EN,
                new CopyBrief("Wealth Plus", "3.5% a year", null, null), AudienceSummary.unknown()));

        assertEquals("Wealth Plus: 3.5% a year", copy.subject());
        assertEquals(List.of("firstName", "unsubscribeUrl"), copy.placeholders());
    }

    @Test
    void emailWithoutLinkOrActionSkipsActionLine() {
        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.EMAIL, CopyLocale.EN,
                new CopyBrief("Wealth Plus", null, null, null), AudienceSummary.unknown()));

        assertEquals(3, copy.body().split("\n\n").length, copy.body());
        assertFalse(copy.body().contains("Learn more"), copy.body());
    }

    @Test
    void smsHasNoSubject() {
        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SMS, CopyLocale.EN,
                new CopyBrief("Wealth Plus", null, null, null), AudienceSummary.unknown()));

        assertNull(copy.subject());
    }

    @Test
    void englishSearchAdUsesBrief() {
        CopyBrief brief = new CopyBrief("Wealth Plus", "3.5% a year", "Apply now", "https://bank.example/w");

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SEARCH_AD, CopyLocale.EN, brief, AudienceSummary.unknown()));
        ResponsiveSearchAd ad = ResponsiveSearchAd.fromBody(copy.body());

        assertEquals(List.of("Wealth Plus", "3.5% a year", "Apply now", "Good news", "Learn more", "Find out more",
                "See the details"), ad.headlines());
        assertEquals(List.of("Good news! Wealth Plus: 3.5% a year.", "Apply now."), ad.descriptions());
        assertEquals(List.of(), ad.violations());
        assertNull(copy.subject());
        assertEquals(List.of(), copy.warnings());
    }

    @Test
    void chineseSearchAdCountsWidth() {
        // 13 Chinese characters and 4 Latin ones: 30 wide, so the product fits a headline as it is.
        CopyBrief brief = new CopyBrief("稳盈储蓄Plus年化收益账户开户礼", "年化3.5%", null, null);

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SEARCH_AD, CopyLocale.ZH_CN, brief, AudienceSummary.unknown()));
        ResponsiveSearchAd ad = ResponsiveSearchAd.fromBody(copy.body());

        assertEquals("稳盈储蓄Plus年化收益账户开户礼", ad.headlines().get(0));
        assertEquals(30, ResponsiveSearchAd.width(ad.headlines().get(0)));
        assertEquals(List.of("稳盈储蓄Plus年化收益账户开户礼", "年化3.5%", "好消息", "了解详情", "立即查看", "查看详情"), ad.headlines());
        assertEquals(List.of("好消息！稳盈储蓄Plus年化收益账户开户礼：年化3.5%。", "了解详情。"), ad.descriptions());
        assertEquals(List.of(), ad.violations());
    }

    @Test
    void wideSearchAdTextIsShortened() {
        CopyBrief brief = new CopyBrief("稳盈储蓄年化收益率账户开户有礼活动", null, null, null);

        GeneratedCopy copy = copywriter.write(spec(ChannelFormat.SEARCH_AD, CopyLocale.ZH_CN, brief, AudienceSummary.unknown()));
        ResponsiveSearchAd ad = ResponsiveSearchAd.fromBody(copy.body());

        // 14 Chinese characters are 28 wide, and the ellipsis … is 1.
        assertEquals("稳盈储蓄年化收益率账户开户有…", ad.headlines().get(0));
        assertEquals(List.of(), ad.violations());
        assertTrue(copy.warnings().get(0).startsWith(TemplateCopywriter.SHORTENED + ": the headline text"), copy.warnings().get(0));
    }

    private static CopySpec spec(ChannelFormat format, CopyLocale locale, CopyBrief brief, AudienceSummary audience) {
        return new CopySpec(null, null, format.name().toLowerCase(), format, locale, brief, audience);
    }
}
