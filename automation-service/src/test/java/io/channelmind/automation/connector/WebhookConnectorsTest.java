package io.channelmind.automation.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.channelmind.web.egress.EgressHttpClient;

class WebhookConnectorsTest {

    private static WireMockServer wireMock;

    private final OutgoingMessage message = new OutgoingMessage(new SendKey("journey-1", SendKey.journeyStep("welcome", 1),
            "demo:c-1"), null, "Spring sale", "20% off until Sunday");

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

    private String url(String path) {
        return "http://127.0.0.1:" + wireMock.port() + path;
    }

    private ConnectorRegistry registry(Map<String, String> properties) {
        ConnectorsConfig config = ConnectorSettings.of(properties);
        EgressHttpClient egress = ConnectorSettings.egress();
        return new ConnectorRegistry(List.of(new SlackConnector(config, egress), new WeComConnector(config, egress),
                new DingTalkConnector(config, egress), new SignedWebhookConnector(config, egress),
                new GenericSmsConnector(config, egress), new TwilioSmsConnector(config, egress)));
    }

    private ConnectorRegistry slack() {
        return registry(Map.of("automation.connectors.slack.url", url("/slack/T1/B1/x")));
    }

    @Test
    void slackPostsText() {
        wireMock.stubFor(post("/slack/T1/B1/x").willReturn(aResponse().withStatus(200).withBody("ok")));

        DeliveryResult result = slack().send("slack", message);

        assertEquals(new DeliveryResult.Sent(null, 1), result);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/slack/T1/B1/x"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"text\":\"*Spring sale*\\n20% off until Sunday\"}")));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        wireMock.stubFor(post("/slack/T1/B1/x").inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
                .willSetStateTo("open"));
        wireMock.stubFor(post("/slack/T1/B1/x").inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        long start = System.nanoTime();
        DeliveryResult result = slack().send("slack", message);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(new DeliveryResult.Sent(null, 2), result);
        assertTrue(elapsedMillis >= 1000, "the retry came after " + elapsedMillis + " ms, before Retry-After: 1");
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlPathEqualTo("/slack/T1/B1/x")));
        long gapMillis = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(gapMillis >= 990, "requests were " + gapMillis + " ms apart");
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() {
        wireMock.stubFor(post("/slack/T1/B1/x").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        wireMock.stubFor(post("/slack/T1/B1/x").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("healthy"));
        wireMock.stubFor(post("/slack/T1/B1/x").inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(aResponse().withStatus(200).withBody("ok")));

        DeliveryResult result = slack().send("slack", message);

        assertEquals(new DeliveryResult.Sent(null, 3), result);
        wireMock.verify(3, postRequestedFor(urlPathEqualTo("/slack/T1/B1/x")));
    }

    @Test
    void serverErrorsStopAtMaxAttempts() {
        wireMock.stubFor(post("/slack/T1/B1/x").willReturn(aResponse().withStatus(502)));

        DeliveryResult result = slack().send("slack", message);

        assertInstanceOf(DeliveryResult.RetryableFailure.class, result);
        wireMock.verify(4, postRequestedFor(urlPathEqualTo("/slack/T1/B1/x")));
    }

    @Test
    void badRequestIsNotRetried() {
        wireMock.stubFor(post("/slack/T1/B1/x").willReturn(aResponse().withStatus(400).withBody("invalid_payload")));

        DeliveryResult result = slack().send("slack", message);

        assertEquals(new DeliveryResult.PermanentFailure("HTTP 400: invalid_payload"), result);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/slack/T1/B1/x")));
    }

    @Test
    void weComPostsMarkdownAndRetriesFrequencyLimit() {
        wireMock.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).inScenario("wecom").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")).willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).inScenario("wecom").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        ConnectorRegistry registry = registry(Map.of(
                "automation.connectors.wecom.url", url("/cgi-bin/webhook/send?key=robot-key"),
                "automation.connectors.wecom.msgtype", "markdown"));

        DeliveryResult result = registry.send("wecom", message);

        assertEquals(new DeliveryResult.Sent(null, 2), result);
        wireMock.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send"))
                .withQueryParam("key", equalTo("robot-key"))
                .withRequestBody(equalToJson("{\"msgtype\":\"markdown\","
                        + "\"markdown\":{\"content\":\"### Spring sale\\n20% off until Sunday\"}}")));
    }

    @Test
    void weComInvalidKeyIsPermanent() {
        wireMock.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send"))
                .willReturn(okJson("{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}")));
        ConnectorRegistry registry = registry(Map.of("automation.connectors.wecom.url", url("/cgi-bin/webhook/send?key=k")));

        DeliveryResult result = registry.send("wecom", message);

        assertEquals(new DeliveryResult.PermanentFailure("WeCom errcode 93000: invalid webhook url"), result);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send"))
                .withRequestBody(equalToJson("{\"msgtype\":\"text\",\"text\":{\"content\":\"Spring sale\\n20% off until Sunday\"}}")));
    }

    @Test
    void dingTalkSignsTheRequest() throws Exception {
        String secret = "SEC0123456789abcdef";
        wireMock.stubFor(post(urlPathEqualTo("/robot/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        ConnectorRegistry registry = registry(Map.of(
                "automation.connectors.dingtalk.url", url("/robot/send?access_token=token-1"),
                "automation.connectors.dingtalk.secret", secret));

        long before = System.currentTimeMillis();
        DeliveryResult result = registry.send("dingtalk", message);

        assertEquals(new DeliveryResult.Sent(null, 1), result);
        LoggedRequest request = wireMock.findAll(postRequestedFor(urlPathEqualTo("/robot/send"))).get(0);
        assertEquals("token-1", request.queryParameter("access_token").firstValue());
        long timestamp = Long.parseLong(request.queryParameter("timestamp").firstValue());
        assertTrue(timestamp >= before, "timestamp " + timestamp);
        assertTrue(timestamp <= System.currentTimeMillis(), "timestamp " + timestamp);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        String rawSign = request.getUrl().replaceAll(".*[?&]sign=([^&]*).*", "$1");
        assertEquals(expected, URLDecoder.decode(rawSign, StandardCharsets.UTF_8));
        wireMock.verify(postRequestedFor(urlPathEqualTo("/robot/send")).withRequestBody(
                equalToJson("{\"msgtype\":\"text\",\"text\":{\"content\":\"Spring sale\\n20% off until Sunday\"}}")));
    }

    @Test
    void dingTalkTooFastIsRetried() {
        wireMock.stubFor(post(urlPathEqualTo("/robot/send")).inScenario("fast").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"errcode\":130101,\"errmsg\":\"send too fast\"}")).willSetStateTo("ok"));
        wireMock.stubFor(post(urlPathEqualTo("/robot/send")).inScenario("fast").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        ConnectorRegistry registry = registry(Map.of("automation.connectors.dingtalk.url", url("/robot/send?access_token=t")));

        assertEquals(new DeliveryResult.Sent(null, 2), registry.send("dingtalk", message));
    }

    @Test
    void signedWebhookVerifies() throws Exception {
        String secret = "whsec-test";
        wireMock.stubFor(post("/hooks/channelmind").willReturn(aResponse().withStatus(204)));
        ConnectorRegistry registry = registry(Map.of(
                "automation.connectors.webhook.url", url("/hooks/channelmind"),
                "automation.connectors.webhook.secret", secret));

        DeliveryResult result = registry.send("webhook", message);

        assertEquals(new DeliveryResult.Sent(null, 1), result);
        LoggedRequest request = wireMock.findAll(postRequestedFor(urlPathEqualTo("/hooks/channelmind"))).get(0);
        String timestamp = request.getHeader(SignedWebhookConnector.TIMESTAMP_HEADER);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.getHeader(SignedWebhookConnector.SIGNATURE_HEADER));
        assertEquals("journey-1/welcome#1/demo:c-1", request.getHeader(SignedWebhookConnector.KEY_HEADER));
        assertTrue(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000) < 5, "timestamp " + timestamp);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/hooks/channelmind")).withRequestBody(equalToJson(
                "{\"idempotencyKey\":\"journey-1/welcome#1/demo:c-1\",\"recipient\":\"demo:c-1\",\"to\":null,"
                        + "\"subject\":\"Spring sale\",\"text\":\"20% off until Sunday\"}")));
    }

    @Test
    void unsetUrlsSkipWithReason() {
        ConnectorRegistry registry = registry(Map.of("automation.connectors.webhook.url", url("/hooks/x")));

        assertEquals(new DeliveryResult.Skipped("slack connector is disabled because automation.connectors.slack.url is not set"),
                registry.send("slack", message));
        assertTrue(registry.skipReason("webhook").orElseThrow().contains("webhook.secret is not set"));
        assertEquals(new DeliveryResult.Skipped("no connector serves the channel fax"), registry.send("fax", message));
        assertEquals(List.of(), registry.enabledChannels());
        assertEquals(0, wireMock.getAllServeEvents().size());
    }
}
