package io.channelmind.automation.feedback;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.Mailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The public unsubscribe, open and click endpoints, driven by the links of mail that a real
 * campaign sent to the test SMTP server.
 */
@QuarkusTest
class FeedbackEndpointsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, Boolean> EMAIL_CONSENT = Map.of("email", true);
    private static final String OFFER = "https://bank.example/savings-plus?plan=a&ref=mail";
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

    @Inject
    LinkSigner signer;

    /** Sends a one-member campaign to {@code name@<segment>.example} and returns the message. */
    private static MimeMessage sendOne(String segment) throws Exception {
        String domain = segment + ".example";
        DependencyStubs.segment(segment, List.of(member("t:" + segment, "ana@" + domain, null, "Ana", EMAIL_CONSENT)));
        DependencyStubs.copy(segment, "email", "copy-" + segment,
                "Hello {{firstName}},\n\nSee " + OFFER + ".\n\nUnsubscribe: {{unsubscribeUrl}}");
        JsonPath campaign = CampaignApi.run(segment, "email");
        assertEquals("completed", campaign.getString("status"));
        List<MimeMessage> mails = Mailbox.forDomain(domain);
        assertEquals(1, mails.size());
        return mails.get(0);
    }

    @Test
    void confirmationPageInBothLanguages() throws Exception {
        String path = Mailbox.unsubscribePath(sendOne("unsubscribe-page"));

        given().when().get(path)
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("<form method=\"post\">"));
        given().queryParam("lang", "zh-CN").when().get(path)
                .then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">"))
                .body(containsString("确认退订"));
        given().header("Accept-Language", "zh-CN,zh;q=0.9").when().get(path)
                .then().statusCode(200)
                .body(containsString("您要停止接收这类邮件吗"));
    }

    @Test
    void oneClickUnsubscribeBlocksLaterCampaigns() throws Exception {
        String path = Mailbox.unsubscribePath(sendOne("one-click"));

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(path)
                .then().statusCode(200)
                .body(containsString("You are unsubscribed"));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .when().post(path)
                .then().statusCode(200);

        String again = CampaignApi.create("one-click", "email");
        CampaignApi.launch(again);
        JsonPath second = CampaignApi.awaitFinished(again);
        assertEquals(0, second.getInt("counts.sent"));
        assertEquals(Map.of("unsubscribed", 1), second.getMap("counts.skipped"));
        assertEquals(1, Mailbox.forDomain("one-click.example").size());
    }

    @Test
    void tamperedUnsubscribeTokenRejected() throws Exception {
        String path = Mailbox.unsubscribePath(sendOne("tampered"));
        String tampered = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");

        given().when().post(tampered)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:invalid-link"))
                .body("errors[0].field", equalTo("token"));
        given().when().get(tampered).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void expiredUnsubscribeTokenRejected() throws Exception {
        String path = Mailbox.unsubscribePath(sendOne("expired"));
        String messageToken = path.substring(path.lastIndexOf('/') + 1, path.indexOf('.'));
        String expired = signer.unsubscribeToken(messageToken, Instant.now().minusSeconds(60));

        given().when().post("/api/v1/unsubscribe/" + expired)
                .then().statusCode(410)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:unsubscribe-link-expired"));
    }

    @Test
    void unknownMessageTokenNotFound() {
        String token = signer.unsubscribeToken("00000000-0000-3000-8000-000000000000", Instant.now().plusSeconds(60));

        given().when().post("/api/v1/unsubscribe/" + token)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:send-not-found"));
    }

    @Test
    void pixelReturnsGif() throws Exception {
        String html = Mailbox.part(sendOne("pixel"), "text/html");
        Matcher img = IMG.matcher(html);
        assertTrue(img.find(), html);

        byte[] gif = given().urlEncodingEnabled(false).when().get(Mailbox.pathAndQuery(img.group(1)))
                .then().statusCode(200)
                .contentType("image/gif")
                .extract().asByteArray();
        byte[] unsigned = given().queryParam("m", "x").when().get("/api/v1/feedback/open")
                .then().statusCode(200)
                .extract().asByteArray();

        assertEquals(42, gif.length);
        assertEquals("GIF89a", new String(gif, 0, 6, StandardCharsets.US_ASCII));
        assertArrayEquals(gif, unsigned);
    }

    @Test
    void clickRedirectsOnlySignedLinks() throws Exception {
        String html = Mailbox.part(sendOne("tracked-click"), "text/html");
        String tracked = null;
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            if (href.group(1).contains("/api/v1/feedback/click")) {
                tracked = href.group(1);
            }
        }
        assertNotNull(tracked, html);
        String path = Mailbox.pathAndQuery(tracked);

        String location = given().urlEncodingEnabled(false).redirects().follow(false).when().get(path)
                .then().statusCode(303)
                .extract().header("Location");
        assertEquals(OFFER, location);

        String otherTarget = path.replace("bank.example", "evil.example");
        given().urlEncodingEnabled(false).redirects().follow(false).when().get(otherTarget)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:channelmind:problem:invalid-link"));
        String unsigned = path.substring(0, path.indexOf("&s="));
        given().urlEncodingEnabled(false).redirects().follow(false).when().get(unsigned)
                .then().statusCode(400)
                .contentType(PROBLEM);
    }
}
