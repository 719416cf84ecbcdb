package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.contact;
import static io.channelmind.optimizer.TestEvents.conversion;
import static io.channelmind.optimizer.TestEvents.delivery;
import static io.channelmind.optimizer.TestEvents.membership;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Sends conversions at known instants and checks that the recommendation reason names the part of
 * the day in the customer's time zone, for a profile and for a segment, and that a replayed batch
 * does not count twice.
 */
@QuarkusTest
class DayPartRecommendationTest {

    private static final String PATH = "/api/v1/recommendations/profiles/{profileKey}/channel";
    private static String channel;
    private static String shanghai;
    private static String losAngeles;
    private static String utc;
    private static String few;
    private static String opener;
    private static String segment;

    // The zones travel on the events: an identify event with traits would make these profiles
    // training rows of the response model that ResponseModelApiTest checks exactly. DayPartsTest
    // covers the zone of an identify event.
    // 23:30 UTC is 07:30 the next day in Shanghai (UTC+8), so the morning, not the evening, counts.
    // 02:00 UTC on 2 May is 19:00 on 1 May in Los Angeles (UTC-7 in summer), so the evening counts.
    @BeforeEach
    synchronized void sendHistory() {
        if (channel != null) {
            return;
        }
        String run = unique("day-part");
        String sms = "sms-" + run;
        shanghai = "day-part:shanghai-" + run;
        losAngeles = "day-part:los-angeles-" + run;
        utc = "day-part:utc-" + run;
        few = "day-part:few-" + run;
        String importId = unique("import");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String at = "2024-05-0" + (i + 1) + "T23:30:00Z";
            events.add(contact(shanghai, sms, "c", at, importId));
            events.add(withZone(conversion(shanghai, sms, 10.0, "c", at, importId), "Asia/Shanghai"));
        }
        for (int i = 0; i < 5; i++) {
            String at = "2024-05-0" + (i + 2) + "T02:00:00Z";
            events.add(contact(losAngeles, sms, "c", at, importId));
            events.add(withZone(conversion(losAngeles, sms, 10.0, "c", at, importId), "America/Los_Angeles"));
        }
        for (int i = 0; i < 5; i++) {
            String at = "2024-05-0" + (i + 1) + "T20:00:00Z";
            events.add(contact(utc, sms, "c", at, importId));
            events.add(conversion(utc, sms, 10.0, "c", at, importId));
        }
        // Four conversions stay below the threshold of five.
        for (int i = 0; i < 4; i++) {
            String at = "2024-05-0" + (i + 1) + "T13:00:00Z";
            events.add(contact(few, sms, "c", at, importId));
            events.add(conversion(few, sms, 10.0, "c", at, importId));
        }
        // One conversion in the UTC morning; the opens and clicks of the test come in the evening.
        opener = "day-part:opener-" + run;
        events.add(contact(opener, sms, "c", "2024-05-01T09:00:00Z", importId));
        events.add(conversion(opener, sms, 10.0, "c", "2024-05-01T09:00:00Z", importId));
        TestEvents.sendCustomerEvents(events);
        TestEvents.awaitImportProgress(importId, events.size());
        // Replaying the same events (same ids) must not change any count.
        TestEvents.sendCustomerEvents(events);
        TestEvents.awaitImportProgress(importId, 2L * events.size());

        segment = "day-part-members-" + run;
        TestEvents.sendMemberships(List.of(membership(segment, shanghai, true), membership(segment, few, true)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v1/segments/{name}", segment)
                .then().statusCode(200).body("members", equalTo(2)));
        channel = sms;
    }

    private static Map<String, Object> withZone(Map<String, Object> event, String timeZone) {
        event.put("traits", Map.of("timeZone", timeZone));
        return event;
    }

    @Test
    void zoneAheadOfUtcCountsTheNextMorning() {
        given().queryParam("candidates", channel).queryParam("explorationShare", 0)
                .get(PATH, shanghai)
                .then().statusCode(200)
                .body("reason", containsString("This profile answers " + channel + " in the morning: 5 of 5"
                        + " conversions on " + channel + " came between 06:00 and 12:00 in its time zone."))
                .body("reasonZh", containsString("该客户多在上午（当地时间 06:00–12:00）响应 " + channel + "：" + channel
                        + " 上的 5 次转化中有 5 次在此时段。"));
    }

    @Test
    void eventZoneBehindUtcCountsThePreviousEvening() {
        given().queryParam("candidates", channel).queryParam("explorationShare", 0)
                .get(PATH, losAngeles)
                .then().statusCode(200)
                .body("reason", containsString("answers " + channel + " in the evening: 5 of 5 conversions"));
    }

    @Test
    void profileWithoutZoneUsesUtc() {
        given().queryParam("candidates", channel).queryParam("explorationShare", 0)
                .get(PATH, utc)
                .then().statusCode(200)
                .body("reason", containsString("answers " + channel + " in the evening: 5 of 5 conversions"));
    }

    @Test
    void fewConversionsNameNoPartOfTheDay() {
        given().queryParam("candidates", channel).queryParam("explorationShare", 0)
                .get(PATH, few)
                .then().statusCode(200)
                .body("reason", containsString("converted on 4 of 4 contacts"))
                .body("reason", not(containsString(" answers ")))
                .body("reasonZh", not(containsString("多在")));
    }

    @Test
    void opensAndClicksCountOncePerEvent() {
        // Three opens and a click in the evening, a delivered event that is no response, and a
        // replay of all of them after the first batch is applied.
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(delivery(opener, channel, "opened", "2024-05-0" + (i + 2) + "T20:00:00Z"));
        }
        deliveries.add(delivery(opener, channel, "clicked", "2024-05-02T20:05:00Z"));
        deliveries.add(delivery(opener, channel, "delivered", "2024-05-02T19:59:00Z"));
        String expected = "This profile answers " + channel + " in the evening: 4 of 5 opens, clicks and conversions on "
                + channel + " came between 18:00 and 24:00 in its time zone.";

        TestEvents.sendDeliveries(deliveries);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("candidates", channel)
                .queryParam("explorationShare", 0).get(PATH, opener)
                .then().statusCode(200).body("reason", containsString(expected)));
        TestEvents.sendDeliveries(deliveries);
        // The topic has one partition, so once the barrier's opens count, the replay has been applied.
        String barrier = unique("day-part:barrier");
        List<Map<String, Object>> barrierOpens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            barrierOpens.add(delivery(barrier, channel, "opened", "2024-05-0" + (i + 1) + "T01:00:00Z"));
        }
        TestEvents.sendCustomerEvents(List.of(contact(barrier, channel, "c", "2024-05-01T01:00:00Z",
                unique("import"))));
        TestEvents.sendDeliveries(barrierOpens);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().queryParam("candidates", channel)
                .queryParam("explorationShare", 0).get(PATH, barrier)
                .then().statusCode(200).body("reason", containsString("in the night: 5 of 5 opens on " + channel)));

        given().queryParam("candidates", channel).queryParam("explorationShare", 0)
                .get(PATH, opener)
                .then().statusCode(200)
                .body("reason", containsString(expected))
                .body("reasonZh", containsString(channel + " 上的 5 次打开、点击和转化中有 4 次在此时段。"));
    }

    @Test
    void segmentEndpointNamesPartOfDay() {
        given().queryParam("segment", segment).queryParam("candidates", channel)
                .get("/api/v1/recommendations/channel")
                .then().statusCode(200)
                .body("basis", equalTo("segment-members"))
                .body("reason", containsString("The segment's members answer " + channel + " in the morning: 5 of 9"
                        + " conversions on " + channel + " came between 06:00 and 12:00 in each member's time zone."));
    }

    @Test
    void segmentReasonAddsUpItsMembers() {
        given().queryParam("candidates", channel).queryParam("explorationShare", 0)
                .get("/api/v1/recommendations/segments/{segment}/channel", segment)
                .then().statusCode(200)
                .body("reason", containsString("The segment's members answer " + channel + " in the morning: 5 of 9"
                        + " conversions on " + channel + " came between 06:00 and 12:00 in each member's time zone."))
                .body("reasonZh", containsString("该细分群体的成员多在上午"));
    }
}
