package io.channelmind.automation.journey;

import static io.channelmind.automation.DependencyStubs.member;
import static io.channelmind.automation.journey.JourneyFixtures.segmentJourney;
import static io.channelmind.automation.journey.JourneyFixtures.traits;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DeliveryEvents;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.Mailbox;
import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.automation.journey.JourneyFixtures.MutableClock;
import io.channelmind.automation.service.SendKeys;
import io.channelmind.web.audit.AuditLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Journey e-mail against the test SMTP server (GreenMail) carries the List-Unsubscribe headers,
 * open pixel and signed click links of campaign e-mail. Feedback through the public endpoints
 * finds the journey send and publishes its events with the journey id, and an unsubscribe blocks
 * the address for later journeys and campaigns.
 */
@QuarkusTest
class JourneyEmailTest {

    private static final String OFFER = "https://bank.example/savings-plus?plan=a&ref=journey";
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    @Inject
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    ProfileFacts facts;

    @Inject
    JourneySender sender;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-04-01T10:00:00Z"));
    private JourneyStore store;
    private JourneyEngine engine;
    private String run;

    @BeforeEach
    void setUp() {
        store = new JourneyStore(dataSource, clock, audit);
        engine = JourneyFixtures.engine(dataSource, facts, sender, clock);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static Step emailSend(String id, String subject, String text) {
        return new Step(id, "send", null, "email", null, subject, text, null, null, null, null, null, null, null, null,
                null, null);
    }

    private JourneyStore.StoredJourney emailJourney(String text) {
        return store.create(segmentJourney("mail-" + run, null,
                emailSend("mail", "{{firstName}}, your offer", text)));
    }

    /** Returns the mail domain of one test, so each test reads only its own messages. */
    private String domain(String name) {
        return name + "-" + run + ".example";
    }

    private String profile(String name, String email) {
        String profileKey = "demo:" + name + "-" + run;
        facts.record(UUID.randomUUID().toString(), profileKey, "identify", null, clock.instant(),
                traits("email", email, "firstName", "Ana"));
        return profileKey;
    }

    /** Sends the journey's e-mail to a new profile at {@code ana@<domain>} and returns the one message received. */
    private MimeMessage sendOne(JourneyStore.StoredJourney journey, String domain) throws Exception {
        String profileKey = profile(domain, "ana@" + domain);
        engine.enter(journey.id(), profileKey, "t1");
        List<MimeMessage> mails = Mailbox.forDomain(domain);
        assertEquals(1, mails.size());
        return mails.get(0);
    }

    /** Returns the journey_send status, detail and Message-ID of each send of the journey, oldest first. */
    private List<List<String>> sends(UUID journeyId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select status, detail, message_id from journey_send where journey_id = ? order by created_at")) {
            select.setObject(1, journeyId);
            try (ResultSet row = select.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                while (row.next()) {
                    rows.add(Arrays.asList(row.getString(1), row.getString(2), row.getString(3)));
                }
                return rows;
            }
        }
    }

    private String blockReason(String address) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select reason from do_not_contact where address_hash = ? and channel = 'email'")) {
            select.setString(1, SendKeys.addressHash(address));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Test
    void emailHasUnsubscribeHeadersAndLinks() throws Exception {
        JourneyStore.StoredJourney journey = emailJourney("Hello {{firstName}},\n\nSee " + OFFER
                + ".\n\nUnsubscribe: {{unsubscribeUrl}}");
        String domain = domain("headers");

        MimeMessage mail = sendOne(journey, domain);

        String listUnsubscribe = Mailbox.header(mail, "List-Unsubscribe");
        assertTrue(listUnsubscribe.startsWith("<mailto:"), listUnsubscribe);
        assertTrue(listUnsubscribe.contains("/api/v1/unsubscribe/"), listUnsubscribe);
        assertEquals("List-Unsubscribe=One-Click", Mailbox.header(mail, "List-Unsubscribe-Post"));
        assertEquals("Ana, your offer", mail.getSubject());
        List<String> send = sends(journey.id()).get(0);
        assertEquals("sent", send.get(0));
        assertEquals(send.get(2), Mailbox.header(mail, "Message-ID"));

        String text = Mailbox.part(mail, "text/plain");
        String unsubscribeUrl = Mailbox.unsubscribeUrl(mail);
        assertTrue(text.contains("Hello Ana,"), text);
        assertTrue(text.contains("Unsubscribe: " + unsubscribeUrl), text);
        String html = Mailbox.part(mail, "text/html");
        Matcher img = IMG.matcher(html);
        assertTrue(img.find(), html);
        assertTrue(img.group(1).contains("/api/v1/feedback/open?m="), html);
        assertTrue(html.contains("/api/v1/feedback/click?m="), html);
    }

    @Test
    void unsubscribeLineAddedWithoutPlaceholder() throws Exception {
        JourneyStore.StoredJourney journey = emailJourney("Hello {{firstName}}, see you soon.");

        MimeMessage mail = sendOne(journey, domain("line"));

        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Unsubscribe: http"), text);
        assertTrue(text.contains("/api/v1/unsubscribe/"), text);
    }

    @Test
    void oneClickUnsubscribeBlocksJourneyAndCampaign() throws Exception {
        JourneyStore.StoredJourney journey = emailJourney("Hello {{firstName}}, Unsubscribe: {{unsubscribeUrl}}");
        String domain = domain("one-click");
        String address = "ana@" + domain;
        MimeMessage mail = sendOne(journey, domain);
        String profileKey = "demo:" + domain + "-" + run;

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(Mailbox.unsubscribePath(mail))
                .then().statusCode(200)
                .body(containsString("You are unsubscribed"));

        assertEquals("unsubscribed", blockReason(address));
        List<DeliveryEvents.Delivery> events = DeliveryEvents.awaitCount(journey.id().toString(), 2);
        DeliveryEvents.Delivery unsubscribed = events.stream()
                .filter(event -> "unsubscribed".equals(event.value().get("status"))).findFirst().orElseThrow();
        assertEquals(journey.id() + "/mail#1/" + profileKey + "/unsubscribed", unsubscribed.value().get("eventId"));
        assertEquals(profileKey, unsubscribed.value().get("profileKey"));
        assertEquals("email", unsubscribed.value().get("channel"));

        JourneyStore.StoredJourney next = emailJourney("Hello again {{firstName}}");
        engine.enter(next.id(), profileKey, "t1");
        assertEquals("skipped", sends(next.id()).get(0).get(0));
        assertEquals("unsubscribed", sends(next.id()).get(0).get(1));

        String segment = "journey-unsubscribed-" + run;
        DependencyStubs.segment(segment, List.of(member("t:" + segment, address, null, "Ana", Map.of("email", true))));
        DependencyStubs.copy(segment, "email", "copy-" + segment);
        JsonPath campaign = CampaignApi.run(segment, "email");
        assertEquals("completed", campaign.getString("status"));
        assertEquals(0, campaign.getInt("counts.sent"));
        assertEquals(Map.of("unsubscribed", 1), campaign.getMap("counts.skipped"));
        assertEquals(1, Mailbox.forDomain(domain).size());
    }

    @Test
    void tamperedJourneyTokenRejected() throws Exception {
        JourneyStore.StoredJourney journey = emailJourney("Hello {{firstName}}");
        String domain = domain("tampered");
        String path = Mailbox.unsubscribePath(sendOne(journey, domain));
        String tampered = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(tampered)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:invalid-link"))
                .body("errors[0].field", equalTo("token"));

        assertNull(blockReason("ana@" + domain));
    }

    @Test
    void openAndClickReportJourneySend() throws Exception {
        JourneyStore.StoredJourney journey = emailJourney("See " + OFFER + " today.");
        MimeMessage mail = sendOne(journey, domain("tracked"));
        String html = Mailbox.part(mail, "text/html");
        Matcher img = IMG.matcher(html);
        assertTrue(img.find(), html);
        String click = null;
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            if (href.group(1).contains("/api/v1/feedback/click")) {
                click = href.group(1);
            }
        }
        assertNotNull(click, html);

        given().urlEncodingEnabled(false).when().get(Mailbox.pathAndQuery(img.group(1))).then().statusCode(200);
        String location = given().urlEncodingEnabled(false).redirects().follow(false).when().get(Mailbox.pathAndQuery(click))
                .then().statusCode(303)
                .extract().header("Location");

        assertEquals(OFFER, location);
        List<String> statuses = DeliveryEvents.awaitCount(journey.id().toString(), 3).stream()
                .map(event -> (String) event.value().get("status")).sorted().toList();
        assertEquals(List.of("clicked", "delivered", "opened"), statuses);
    }
}
