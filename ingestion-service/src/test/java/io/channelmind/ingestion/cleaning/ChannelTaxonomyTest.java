package io.channelmind.ingestion.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelTaxonomyTest {

    private static final ChannelTaxonomy TAXONOMY = new ChannelTaxonomy(
            Map.of("cpc", "paid", "email", "email", "social", "social_organic", "display", "display",
                    "affiliate", "affiliate", "sms", "sms", "print", "offline"),
            Map.of("gclid", "search_ads", "msclkid", "search_ads", "ttclid", "social_paid", "fbclid", "social_organic"),
            List.of("google", "bing", "baidu"),
            List.of("facebook", "weibo", "tiktok"));

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "google,cpc,-,-,search_ads",
        "facebook,cpc,-,-,social_paid",
        "newsletter,Email,-,-,email",
        "weibo,social,-,-,social_organic",
        "-,-,-,gclid,search_ads",
        "-,-,https://www.facebook.com/,fbclid,social_organic",
        "-,-,-,ttclid,social_paid",
        "baidu,-,-,-,organic_search",
        "partner-blog,-,-,-,referral",
        "-,-,https://www.google.co.uk/search?q=x,-,organic_search",
        "-,-,https://m.weibo.cn/status/1,-,social_organic",
        "-,-,https://news.example.org/article,-,referral",
        "-,-,-,-,direct"
    })
    void visitIsClassified(String source, String medium, String referrer, String clickId, String expected) {
        CleaningStats stats = new CleaningStats();

        String channel = TAXONOMY.classify(source, medium, referrer, clickId == null ? Set.of() : Set.of(clickId), stats);

        assertEquals(expected, channel);
        assertEquals(0, stats.get("unmapped.utm_medium"));
    }

    @Test
    void unknownMediumIsOtherAndListed() {
        CleaningStats stats = new CleaningStats();

        assertEquals("other", TAXONOMY.classify("tv-spot", "tv", null, Set.of(), stats));
        assertEquals("other", TAXONOMY.classify("tv-spot", "TV", null, Set.of(), stats));

        assertEquals(2, stats.get("unmapped.utm_medium"));
        assertEquals(Map.of("tv", 2L), ((Map<?, ?>) stats.snapshot().get("unmapped")).get("utm_medium"));
    }

    @Test
    void mediumWinsOverClickId() {
        assertEquals("email", TAXONOMY.classify("newsletter", "email", null, Set.of("gclid"), new CleaningStats()));
    }
}
