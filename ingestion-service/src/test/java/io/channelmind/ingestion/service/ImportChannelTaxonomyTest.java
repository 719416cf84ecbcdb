package io.channelmind.ingestion.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.cleaning.ChannelTaxonomy;
import io.channelmind.ingestion.cleaning.CleaningStats;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.MappingParser;
import io.channelmind.ingestion.messaging.CustomerEvent;

/** The channel taxonomy applied to the UTM, referrer and click-id columns of imported rows. */
class ImportChannelTaxonomyTest {

    private static final List<String> HEADER = List.of("customer_id", "occurred_at", "channel", "utm_source", "utm_medium",
            "referrer", "landing_page", "gclid");
    private static final String MAPPING = """
            {
              "name": "visit-log",
              "channels": {
                "taxonomy": {
                  "source": "utmSource", "medium": "utmMedium", "referrer": "referrer", "url": "landingPage",
                  "clickIds": {"gclid": "gclid"}
                }
              },
              "profileKey": {"namespace": "visits", "field": "customerId"},
              "fields": {
                "customerId": {"column": "customer_id", "type": "string", "required": true},
                "occurredAt": {"column": "occurred_at", "type": "timestamp"},
                "channel": {"column": "channel", "type": "channel"},
                "utmSource": {"column": "utm_source", "type": "string"},
                "utmMedium": {"column": "utm_medium", "type": "string"},
                "referrer": {"column": "referrer", "type": "string"},
                "landingPage": {"column": "landing_page", "type": "string"},
                "gclid": {"column": "gclid", "type": "string"}
              },
              "events": [{"type": "conversion", "occurredAt": "occurredAt", "channel": "channel"}]
            }
            """;
    /** The rules of application.properties that these rows need. */
    private static final ChannelTaxonomy TAXONOMY = new ChannelTaxonomy(
            Map.of("cpc", "paid", "email", "email", "newsletter", "email"),
            Map.of("gclid", "search_ads", "fbclid", "social_organic"),
            List.of("google", "baidu", "bing"), List.of("facebook", "weibo"));

    @Test
    void mediumTableMapsUtmMedium() {
        assertEquals("email", channelOf("", "mailchimp", "Newsletter", "", "", ""));
        assertEquals("social_paid", channelOf("", "facebook", "cpc", "", "", ""));
        assertEquals("search_ads", channelOf("", "google", "cpc", "", "", ""));
    }

    @Test
    void clickIdColumnOrUrlParameterMapsChannel() {
        assertEquals("search_ads", channelOf("", "", "", "", "", "Cj0KCQ"));
        assertEquals("social_organic", channelOf("", "", "", "", "https://shop.example.com/?fbclid=IwAR&x=1", ""));
    }

    @Test
    void sourceOrReferrerAloneMapsChannel() {
        assertEquals("organic_search", channelOf("", "baidu", "", "", "", ""));
        assertEquals("social_organic", channelOf("", "", "", "https://m.weibo.cn/status/1", "", ""));
        assertEquals("referral", channelOf("", "", "", "https://blog.example.org/post", "", ""));
        assertEquals("direct", channelOf("", "", "", "(direct)", "", ""));
    }

    @Test
    void channelColumnWinsOverUtmColumns() {
        assertEquals("offline", channelOf("Offline", "google", "cpc", "", "", "Cj0KCQ"));
    }

    @Test
    void rowWithoutCampaignValuesHasNoChannel() {
        assertNull(channelOf("", "", "", "", "", ""));
    }

    @Test
    void unmappedMediumIsCountedAndListed() {
        CleaningStats stats = new CleaningStats();
        RowConverter converter = converter(stats);

        converter.convert(1, List.of("c-1", "", "", "tv-station", "tv", "", "", ""));
        converter.convert(2, List.of("c-2", "", "", "tv-station", "tv", "", "", ""));
        converter.convert(3, List.of("c-3", "", "", "radio-a", "Radio", "", "", ""));

        assertEquals(3, stats.get("unmapped.utm_medium"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> unmapped = (Map<String, Map<String, Long>>) stats.snapshot().get("unmapped");
        assertEquals(Map.of("tv", 2L, "radio", 1L), unmapped.get("utm_medium"));
    }

    @Test
    void unmappedMediumGivesOther() {
        assertEquals("other", channelOf("", "tv-station", "tv", "", "", ""));
    }

    @Test
    void taxonomyNamingUnknownFieldIsInvalid() {
        String invalid = MAPPING.replace("\"medium\": \"utmMedium\"", "\"medium\": \"utm_medium_typo\"");

        MappingParser.InvalidMappingException error = assertThrows(MappingParser.InvalidMappingException.class,
                () -> parse(invalid));

        assertTrue(error.getMessage().contains("channels.taxonomy.medium: unknown field 'utm_medium_typo'"),
                error.getMessage());
    }

    private static String channelOf(String channel, String source, String medium, String referrer, String url,
            String gclid) {
        CustomerEvent event = (CustomerEvent) converter(new CleaningStats())
                .convert(1, List.of("c-1", "2024-05-01T08:00:00Z", channel, source, medium, referrer, url, gclid))
                .get(0).payload();
        return event.channel();
    }

    private static RowConverter converter(CleaningStats stats) {
        ImportContext context = new ImportContext("11111111-2222-3333-4444-555555555555",
                Instant.parse("2024-09-01T00:00:00Z"), stats, null, TAXONOMY);
        return RowConverter.bind(parse(MAPPING), HEADER, context);
    }

    private static MappingDefinition parse(String json) {
        return MappingParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
