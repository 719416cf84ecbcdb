package io.channelmind.automation;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.DeliveryEvents.Delivery;
import io.channelmind.automation.service.SendKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ComplaintTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String COMPLAINTS = "/api/v1/feedback/complaints";

    @Inject
    DataSource dataSource;

    private static Map<String, Object> report(Object... pairs) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            report.put((String) pairs[i], pairs[i + 1]);
        }
        return report;
    }

    private static ValidatableResponse post(Map<String, Object> report) {
        return given().contentType(ContentType.JSON).body(report).when().post(COMPLAINTS).then();
    }

    @Test
    void arfComplaintBlocksLaterCampaigns() throws Exception {
        String domain = "arf.example";
        DependencyStubs.segment("arf", List.of(
                member("t:arf-1", "ana@" + domain, null, "Ana", Map.of("email", true)),
                member("t:arf-2", "bruno@" + domain, null, "Bruno", Map.of("email", true))));
        DependencyStubs.copy("arf", "email", "copy-arf");
        String first = CampaignApi.create("arf", "email");
        CampaignApi.launch(first);
        CampaignApi.awaitFinished(first);
        String messageId = null;
        for (MimeMessage mail : Mailbox.forDomain(domain)) {
            if (Mailbox.recipient(mail).startsWith("ana@")) {
                messageId = mail.getMessageID();
            }
        }
        // A feedback-loop report may carry the Message-ID without its angle brackets.
        String bare = messageId.substring(1, messageId.length() - 1);

        post(report("source", "arf", "feedbackType", "abuse", "originalMessageId", bare))
                .statusCode(202)
                .body("channel", equalTo("email"))
                .body("doNotContact", equalTo(true));
        post(report("source", "arf", "originalMessageId", messageId)).statusCode(202);

        List<Delivery> events = DeliveryEvents.awaitCount(first, 3);
        List<Delivery> complaints = events.stream().filter(event -> "complained".equals(event.value().get("status"))).toList();
        // The repeated report may be published again, but under the same eventId, which consumers drop.
        assertEquals(1, complaints.stream().map(event -> event.value().get("eventId")).distinct().count());
        assertEquals("t:arf-1", complaints.get(0).key());
        assertEquals("copy-arf", complaints.get(0).value().get("copyId"));

        String second = CampaignApi.create("arf", "email");
        CampaignApi.launch(second);
        JsonPath again = CampaignApi.awaitFinished(second);
        assertEquals(1, again.getInt("counts.sent"));
        assertEquals(Map.of("complained", 1), again.getMap("counts.skipped"));
    }

    @Test
    void smsProviderComplaintBlocksPhone() throws Exception {
        UUID journeyId = UUID.randomUUID();
        String phone = "+351910000042";
        String key = journeyId + "/nudge#1/t:sms-complaint";
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement journey = connection.prepareStatement(
                    "insert into journey (id, name, definition, status, created_at, updated_at)"
                            + " values (?, 'complaints', '{}'::jsonb, 'active', now(), now())")) {
                journey.setObject(1, journeyId);
                journey.executeUpdate();
            }
            try (PreparedStatement send = connection.prepareStatement(
                    "insert into journey_send (idempotency_key, journey_id, step_id, profile_key, channel, status,"
                            + " address_hash, provider_message_id, created_at, updated_at)"
                            + " values (?, ?, 'nudge', 't:sms-complaint', 'sms', 'sent', ?, 'SM-complaint-1', now(), now())")) {
                send.setString(1, key);
                send.setObject(2, journeyId);
                send.setString(3, SendKeys.addressHash(phone));
                send.executeUpdate();
            }
        }

        post(report("source", "twilio", "channel", "SMS", "providerMessageId", "SM-complaint-1"))
                .statusCode(202)
                .body("idempotencyKey", equalTo(key))
                .body("channel", equalTo("sms"))
                .body("doNotContact", equalTo(true));

        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select reason, campaign_id from do_not_contact where address_hash = ? and channel = 'sms'")) {
            select.setString(1, SendKeys.addressHash(phone));
            try (ResultSet row = select.executeQuery()) {
                assertEquals(true, row.next());
                assertEquals("complaint", row.getString(1));
                assertEquals(journeyId, row.getObject(2, UUID.class));
            }
        }
        List<Delivery> events = DeliveryEvents.awaitCount(journeyId.toString(), 1);
        assertEquals("complained", events.get(0).value().get("status"));
        assertEquals("sms", events.get(0).value().get("channel"));
    }

    @Test
    void complaintWithoutIdentifierRejected() {
        post(report("source", "arf", "feedbackType", "abuse"))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:invalid-complaint"))
                .body("errors[0].field", equalTo("originalMessageId"));
    }

    @Test
    void notSpamReportRejected() {
        post(report("feedbackType", "not-spam", "originalMessageId", "<x@example>"))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("feedbackType"))
                .body("errors[0].value", equalTo("not-spam"));
    }

    @Test
    void providerIdWithoutChannelRejected() {
        post(report("providerMessageId", "SM-1"))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("channel"));
    }

    @Test
    void unknownMessageIdNotFound() {
        post(report("originalMessageId", "<unknown@nowhere.example>"))
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:send-not-found"))
                .body("errors[0].field", equalTo("originalMessageId"))
                .body("errors[0].value", equalTo("<unknown@nowhere.example>"));
    }
}
