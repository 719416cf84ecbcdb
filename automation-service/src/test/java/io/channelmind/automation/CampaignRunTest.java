package io.channelmind.automation;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.DeliveryEvents.Delivery;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CampaignRunTest {

    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);

    /**
     * Seven members over three pages: two plain recipients, one without e-mail, one without
     * consent, two sharing an address (in different letter case) and one without a first name.
     */
    private static void stubSevenMembers(String segment, String domain) {
        DependencyStubs.segment(segment, List.of(
                member("t:" + segment + "-1", "ana@" + domain, null, "Ana", EMAIL_CONSENT),
                member("t:" + segment + "-2", "bruno@" + domain, null, "Bruno", EMAIL_CONSENT),
                member("t:" + segment + "-3", null, "+351910000003", "Carla", EMAIL_CONSENT),
                member("t:" + segment + "-4", "dora@" + domain, null, "Dora", Map.of("email", false)),
                member("t:" + segment + "-5", "shared@" + domain, null, "Eva", EMAIL_CONSENT),
                member("t:" + segment + "-6", "Shared@" + domain, null, "Filipe", EMAIL_CONSENT),
                member("t:" + segment + "-7", "gil@" + domain, null, null, EMAIL_CONSENT)));
        DependencyStubs.copy(segment, "email", "copy-" + segment);
    }

    @Test
    void campaignCountsEveryMemberOutcome() {
        stubSevenMembers("counts", "counts.example");

        JsonPath campaign = CampaignApi.run("counts", "email");

        assertEquals("completed", campaign.getString("status"));
        assertEquals(7, campaign.getInt("counts.audience"));
        assertEquals(7, campaign.getInt("counts.processed"));
        assertEquals(4, campaign.getInt("counts.sent"));
        assertEquals(Map.of("no contact point", 1, "no consent", 1), campaign.getMap("counts.skipped"));
        assertEquals(1, campaign.getInt("counts.duplicates"));
        assertEquals(0, campaign.getInt("counts.failed"));
        assertEquals("email", campaign.getString("channel"));
        assertNull(campaign.get("recommendation"));
        assertEquals("copy-counts", campaign.getString("copy.copyId"));
        assertNotNull(campaign.getString("finishedAt"));
        assertNull(campaign.getString("error"));
    }

    @Test
    void campaignSendsOneMailPerAddress() throws Exception {
        stubSevenMembers("mails", "mails.example");

        CampaignApi.run("mails", "email");

        List<MimeMessage> mails = Mailbox.forDomain("mails.example");
        Set<String> recipients = new HashSet<>();
        for (MimeMessage mail : mails) {
            recipients.add(Mailbox.recipient(mail).toLowerCase(Locale.ROOT));
        }
        assertEquals(4, mails.size());
        assertEquals(Set.of("ana@mails.example", "bruno@mails.example", "shared@mails.example", "gil@mails.example"),
                recipients);
    }

    @Test
    void mailHasHeadersAndFilledPlaceholders() throws Exception {
        stubSevenMembers("headers", "headers.example");

        CampaignApi.run("headers", "email");

        List<MimeMessage> mails = Mailbox.forDomain("headers.example");
        Set<String> messageIds = new HashSet<>();
        for (MimeMessage mail : mails) {
            String messageId = Mailbox.header(mail, "Message-ID");
            String unsubscribe = Mailbox.header(mail, "List-Unsubscribe");
            String text = Mailbox.part(mail, "text/plain");
            String html = Mailbox.part(mail, "text/html");
            messageIds.add(messageId);
            assertTrue(messageId.matches("<[0-9a-f-]{36}@channelmind\\.local>"), messageId);
            assertTrue(unsubscribe.matches("<mailto:unsubscribe@channelmind\\.local\\?subject=unsubscribe%20[^>]+>, "
                    + "<http://127\\.0\\.0\\.1:8085/api/v1/unsubscribe/[0-9a-f-]{36}\\.[0-9]+\\.[A-Za-z0-9_-]{43}>"),
                    unsubscribe);
            assertEquals("List-Unsubscribe=One-Click", Mailbox.header(mail, "List-Unsubscribe-Post"));
            String unsubscribeUrl = unsubscribe.substring(unsubscribe.indexOf(", <") + 3, unsubscribe.length() - 1);
            assertFalse(text.contains("{{"), text);
            assertFalse(html.contains("{{"), html);
            assertFalse(mail.getSubject().contains("{{"), mail.getSubject());
            assertTrue(text.contains("Unsubscribe: " + unsubscribeUrl), text);
            assertTrue(html.contains("<a href=\"" + unsubscribeUrl + "\">"), html);
        }
        MimeMessage toAna = mailTo(mails, "ana@headers.example");
        MimeMessage toGil = mailTo(mails, "gil@headers.example");
        assertEquals(4, messageIds.size());
        assertEquals("Ana, your Savings Plus offer", toAna.getSubject());
        assertTrue(Mailbox.part(toAna, "text/plain").startsWith("Hello Ana,"));
        assertTrue(Mailbox.part(toAna, "text/html").contains("<p>Hello Ana,</p>"));
        assertTrue(Mailbox.part(toGil, "text/plain").startsWith("Hello there,"));
    }

    @Test
    void deliveryEventPublishedPerSend() throws Exception {
        stubSevenMembers("events", "events.example");

        JsonPath campaign = CampaignApi.run("events", "email");

        String id = campaign.getString("id");
        List<Delivery> deliveries = DeliveryEvents.awaitCount(id, 4);
        Set<String> keys = deliveries.stream().map(Delivery::key).collect(Collectors.toSet());
        assertEquals(4, deliveries.size());
        assertEquals(4, keys.size());
        assertTrue(keys.containsAll(Set.of("t:events-1", "t:events-2", "t:events-7")), keys.toString());
        for (Delivery delivery : deliveries) {
            Map<String, Object> event = delivery.value();
            assertEquals(1, event.get("schemaVersion"));
            assertEquals(id + "/initial/" + delivery.key(), event.get("eventId"));
            assertEquals(delivery.key(), event.get("profileKey"));
            assertEquals("email", event.get("channel"));
            assertEquals("copy-events", event.get("copyId"));
            assertEquals("delivered", event.get("status"));
            assertNotNull(Instant.parse((String) event.get("at")));
        }
    }

    @Test
    void relaunchSendsNothingNew() throws Exception {
        stubSevenMembers("relaunch", "relaunch.example");
        String id = CampaignApi.create("relaunch", "email");
        CampaignApi.launch(id);
        CampaignApi.awaitFinished(id);

        CampaignApi.launch(id);
        JsonPath relaunched = CampaignApi.awaitFinished(id);

        assertEquals("completed", relaunched.getString("status"));
        assertEquals(2, relaunched.getInt("launches"));
        assertEquals(7, relaunched.getInt("counts.audience"));
        assertEquals(7, relaunched.getInt("counts.processed"));
        assertEquals(4, relaunched.getInt("counts.sent"));
        assertEquals(1, relaunched.getInt("counts.duplicates"));
        assertEquals(0, relaunched.getInt("counts.pending"));
        assertEquals(Map.of("no contact point", 1, "no consent", 1), relaunched.getMap("counts.skipped"));
        assertEquals(4, Mailbox.forDomain("relaunch.example").size());
        assertEquals(4, DeliveryEvents.awaitCount(id, 4).size());
    }

    @Test
    void recipientHistoryListsSend() {
        stubSevenMembers("history", "history.example");
        String id = CampaignApi.run("history", "email").getString("id");

        given().when().get("/api/v1/campaigns/" + id + "/recipients/t:history-1")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].step", equalTo("initial"))
                .body("[0].status", equalTo("sent"))
                .body("[0].attempts", equalTo(1))
                .body("[0].messageId", matchesPattern("<[0-9a-f-]{36}@channelmind\\.local>"))
                .body("[0].acceptedAt", notNullValue());
        given().when().get("/api/v1/campaigns/" + id + "/recipients/t:history-3")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].status", equalTo("skipped"))
                .body("[0].skipReason", equalTo("no contact point"));
        given().when().get("/api/v1/campaigns/" + id + "/recipients/t:history-6")
                .then().statusCode(200)
                .body("size()", equalTo(0));
        given().when().get("/api/v1/campaigns/" + UUID.randomUUID() + "/recipients/t:history-1")
                .then().statusCode(404);
    }

    private static MimeMessage mailTo(List<MimeMessage> mails, String address) throws Exception {
        for (MimeMessage mail : mails) {
            if (Mailbox.recipient(mail).equalsIgnoreCase(address)) {
                return mail;
            }
        }
        throw new AssertionError("No mail to " + address);
    }
}
