package io.channelmind.automation.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

class SmsConnectorsTest {

    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/AC123/Messages.json";

    private static WireMockServer wireMock;

    private final OutgoingMessage message = new OutgoingMessage(new SendKey("c-9", "initial", "demo:c-2"),
            "+8613800138000", null, "您好 Ada, \"sale\" & more");

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    private String base() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    private ConnectorRegistry registry(Map<String, String> properties) {
        ConnectorsConfig config = ConnectorSettings.of(properties);
        return new ConnectorRegistry(List.of(new GenericSmsConnector(config, ConnectorSettings.egress()),
                new TwilioSmsConnector(config, ConnectorSettings.egress())));
    }

    private ConnectorRegistry twilio() {
        return registry(Map.of(
                "automation.connectors.sms.provider", "twilio",
                "automation.connectors.sms.twilio.url", base() + "/",
                "automation.connectors.sms.twilio.account-sid", "AC123",
                "automation.connectors.sms.twilio.auth-token", "secret-token",
                "automation.connectors.sms.twilio.from", "+15005550006"));
    }

    @Test
    void twilioPostsMessagesForm() {
        wireMock.stubFor(post(MESSAGES_PATH).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM0001\",\"status\":\"queued\"}")));

        DeliveryResult result = twilio().send("sms", message);

        assertEquals(new DeliveryResult.Sent("SM0001", 1), result);
        LoggedRequest request = wireMock.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).get(0);
        String credentials = Base64.getEncoder().encodeToString("AC123:secret-token".getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + credentials, request.getHeader("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.getHeader("Content-Type"));
        assertEquals("+8613800138000", request.formParameters().get("To").firstValue());
        assertEquals("+15005550006", request.formParameters().get("From").firstValue());
        assertEquals("您好 Ada, \"sale\" & more", request.formParameters().get("Body").firstValue());
    }

    @Test
    void twilioInvalidNumberIsNotRetried() {
        wireMock.stubFor(post(MESSAGES_PATH).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

        DeliveryResult result = twilio().send("sms", message);

        DeliveryResult.PermanentFailure failure = assertInstanceOf(DeliveryResult.PermanentFailure.class, result);
        assertTrue(failure.reason().contains("21211"), failure.reason());
        assertTrue(failure.addressRejected(), "21211 rejects the number");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void twilioSenderErrorKeepsAddress() {
        wireMock.stubFor(post(MESSAGES_PATH).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":21606,\"message\":\"The From phone number is not a valid SMS-capable number.\"}")));

        DeliveryResult result = twilio().send("sms", message);

        DeliveryResult.PermanentFailure failure = assertInstanceOf(DeliveryResult.PermanentFailure.class, result);
        assertFalse(failure.addressRejected(), "21606 is about the sender, not the recipient");
    }

    @Test
    void twilioWithoutCredentialsIsDisabled() {
        ConnectorRegistry registry = registry(Map.of(
                "automation.connectors.sms.provider", "twilio",
                "automation.connectors.sms.twilio.url", base()));

        assertEquals("generic-sms connector is disabled because automation.connectors.sms.generic.url is not set; "
                + "twilio connector is disabled because automation.connectors.sms.twilio.account-sid or auth-token is not set",
                registry.skipReason("sms").orElseThrow());
    }

    @Test
    void genericJsonTemplateEscapesValues() {
        wireMock.stubFor(post("/sms/send").willReturn(aResponse().withStatus(202)));
        ConnectorRegistry registry = registry(Map.of(
                "automation.connectors.sms.generic.url", base() + "/sms/send",
                "automation.connectors.sms.generic.auth-header", "X-Api-Key",
                "automation.connectors.sms.generic.auth-value", "key-1",
                "automation.connectors.sms.generic.from", "ChannelMind"));

        DeliveryResult result = registry.send("sms", message);

        assertEquals(new DeliveryResult.Sent(null, 1), result);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/sms/send"))
                .withHeader("X-Api-Key", equalTo("key-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"to\":\"+8613800138000\",\"from\":\"ChannelMind\","
                        + "\"text\":\"您好 Ada, \\\"sale\\\" & more\",\"reference\":\"c-9/initial/demo:c-2\"}")));
    }

    @Test
    void genericFormTemplateEncodesValues() {
        wireMock.stubFor(post("/sms/form").willReturn(aResponse().withStatus(200)));
        ConnectorRegistry registry = registry(Map.of(
                "automation.connectors.sms.generic.url", base() + "/sms/form",
                "automation.connectors.sms.generic.format", "form",
                "automation.connectors.sms.generic.body-template", "mobile={{to}}&content={{text}}"));

        assertEquals(new DeliveryResult.Sent(null, 1), registry.send("sms", message));

        LoggedRequest request = wireMock.findAll(postRequestedFor(urlPathEqualTo("/sms/form"))).get(0);
        assertEquals("+8613800138000", request.formParameters().get("mobile").firstValue());
        assertEquals("您好 Ada, \"sale\" & more", request.formParameters().get("content").firstValue());
    }

    @Test
    void missingPhoneIsPermanent() {
        ConnectorRegistry registry = registry(Map.of("automation.connectors.sms.generic.url", base() + "/sms/send"));
        OutgoingMessage noPhone = new OutgoingMessage(message.key(), null, null, "hi");

        assertEquals(new DeliveryResult.PermanentFailure("recipient demo:c-2 has no phone number"),
                registry.send("sms", noPhone));
        assertEquals(0, wireMock.getAllServeEvents().size());
    }

    private ConnectorRegistry genericRejecting(Map<String, String> rejectedNumber) {
        Map<String, String> properties = new HashMap<>(rejectedNumber);
        properties.put("automation.connectors.sms.generic.url", base() + "/sms/send");
        return registry(properties);
    }

    @Test
    void genericRejectedStatusRejectsNumber() {
        wireMock.stubFor(post("/sms/send").willReturn(aResponse().withStatus(422).withBody("{\"error\":\"bad number\"}")));
        ConnectorRegistry registry = genericRejecting(Map.of(
                "automation.connectors.sms.generic.rejected-number.statuses", "404,422"));

        DeliveryResult result = registry.send("sms", message);

        DeliveryResult.PermanentFailure failure = assertInstanceOf(DeliveryResult.PermanentFailure.class, result);
        assertTrue(failure.addressRejected(), "422 is configured to reject the number");
        assertTrue(failure.reason().startsWith("HTTP 422: "), failure.reason());
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/sms/send")));
    }

    /** A configured value of the body field rejects the number whatever the status, 2xx and 5xx included. */
    @Test
    void genericRejectedFieldRejectsNumber() {
        ConnectorRegistry registry = genericRejecting(Map.of(
                "automation.connectors.sms.generic.rejected-number.field", "/error/code",
                "automation.connectors.sms.generic.rejected-number.values", "INVALID_NUMBER,21"));
        String[][] responses = {
                { "200", "{\"status\":\"failed\",\"error\":{\"code\":\"INVALID_NUMBER\"}}" },
                { "400", "{\"error\":{\"code\":21,\"message\":\"unreachable\"}}" },
                { "503", "{\"error\":{\"code\":\"INVALID_NUMBER\"}}" },
        };
        for (String[] response : responses) {
            wireMock.resetAll();
            wireMock.stubFor(post("/sms/send").willReturn(aResponse().withStatus(Integer.parseInt(response[0]))
                    .withBody(response[1])));

            DeliveryResult result = registry.send("sms", message);

            DeliveryResult.PermanentFailure failure = assertInstanceOf(DeliveryResult.PermanentFailure.class, result,
                    response[0] + " " + response[1]);
            assertTrue(failure.addressRejected(), response[0] + " " + response[1]);
            wireMock.verify(1, postRequestedFor(urlPathEqualTo("/sms/send")));
        }
    }

    @Test
    void genericOtherResponsesKeepNumber() {
        ConnectorRegistry registry = genericRejecting(Map.of(
                "automation.connectors.sms.generic.rejected-number.statuses", "422",
                "automation.connectors.sms.generic.rejected-number.field", "/error/code",
                "automation.connectors.sms.generic.rejected-number.values", "INVALID_NUMBER"));
        wireMock.stubFor(post("/sms/send").willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"code\":\"INVALID_SENDER\"}}")));

        DeliveryResult rejectedSender = registry.send("sms", message);
        wireMock.resetAll();
        wireMock.stubFor(post("/sms/send").willReturn(aResponse().withStatus(200).withBody("not json")));
        DeliveryResult accepted = registry.send("sms", message);

        DeliveryResult.PermanentFailure failure = assertInstanceOf(DeliveryResult.PermanentFailure.class, rejectedSender);
        assertFalse(failure.addressRejected(), "INVALID_SENDER is not a configured value");
        assertEquals(new DeliveryResult.Sent(null, 1), accepted);
    }

    @Test
    void genericInvalidRejectionSettingsDisable() {
        String[][] cases = {
                { "automation.connectors.sms.generic.rejected-number.field", "/error/code",
                        "rejected-number.field is set but values is not; set both or neither" },
                { "automation.connectors.sms.generic.rejected-number.values", "INVALID_NUMBER",
                        "rejected-number.values is set but field is not; set both or neither" },
                { "automation.connectors.sms.generic.rejected-number.statuses", "700",
                        "rejected-number.statuses contains 700; use HTTP status codes from 100 to 599" },
        };
        for (String[] invalid : cases) {
            ConnectorRegistry registry = genericRejecting(Map.of(invalid[0], invalid[1]));

            String reason = registry.skipReason("sms").orElseThrow();

            assertTrue(reason.startsWith("generic-sms connector is disabled because automation.connectors.sms.generic."
                    + invalid[2]), reason);
        }
        ConnectorRegistry notPointer = genericRejecting(Map.of(
                "automation.connectors.sms.generic.rejected-number.field", "error.code",
                "automation.connectors.sms.generic.rejected-number.values", "INVALID_NUMBER"));
        assertTrue(notPointer.skipReason("sms").orElseThrow().contains("'error.code' is not a JSON Pointer"),
                notPointer.skipReason("sms").orElseThrow());
    }
}
