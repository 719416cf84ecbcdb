package io.channelmind.automation.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.channelmind.web.egress.EgressGuard;
import io.channelmind.web.egress.EgressHttpClient;
import io.channelmind.web.egress.EgressResponse;

/**
 * Connector URLs that lead to internal addresses. The transport only counts its calls, so no
 * test opens a socket, and host names go to a stub resolver, so no test makes a DNS query.
 */
class EgressRejectionTest {

    private final OutgoingMessage message = new OutgoingMessage(new SendKey("journey-1", SendKey.journeyStep("welcome", 1),
            "demo:c-1"), null, "Spring sale", "20% off until Sunday");
    private final AtomicInteger exchanges = new AtomicInteger();
    /** Address that the stub resolver returns for hooks.example.test; a test changes it to model DNS rebinding. */
    private final AtomicReference<String> hookAddress = new AtomicReference<>("127.0.0.1");

    private EgressHttpClient egress() {
        EgressHttpClient.Transport counting = (target, method, headers, body, timeout) -> {
            exchanges.incrementAndGet();
            return CompletableFuture.completedFuture(new EgressResponse(200, Map.of(), "ok"));
        };
        return new EgressHttpClient(new EgressGuard(List.of(), host -> {
            if (!host.equals("hooks.example.test")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(hookAddress.get()));
        }), counting);
    }

    private ConnectorRegistry slack(String url) {
        ConnectorsConfig config = ConnectorSettings.of(Map.of("automation.connectors.slack.url", url));
        return new ConnectorRegistry(List.of(new SlackConnector(config, egress())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook", "https://hooks.example.test/hook"})
    void internalUrlStopsStartup(String url) {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> slack(url));

        assertTrue(error.getMessage().contains("automation.connectors.slack.url is rejected"), error.getMessage());
        assertTrue(error.getMessage().contains(EgressGuard.ALLOW_LIST_KEY), error.getMessage());
        assertEquals(0, exchanges.get());
    }

    @Test
    void rebindingToInternalFailsPermanently() {
        hookAddress.set("203.0.113.7");
        ConnectorRegistry registry = slack("https://hooks.example.test/hook");
        hookAddress.set("127.0.0.1");

        DeliveryResult result = registry.send("slack", message);

        DeliveryResult.PermanentFailure failure = assertInstanceOf(DeliveryResult.PermanentFailure.class, result);
        assertTrue(failure.reason().contains("127.0.0.1, a loopback address"), failure.reason());
        assertEquals(0, exchanges.get());
    }

    @Test
    void publicUrlSends() {
        hookAddress.set("203.0.113.7");

        DeliveryResult result = slack("https://hooks.example.test/hook").send("slack", message);

        assertInstanceOf(DeliveryResult.Sent.class, result);
        assertEquals(1, exchanges.get());
    }

    @Test
    void unresolvedHostRetried() {
        ConnectorRegistry registry = slack("https://unknown.example.test/hook");

        DeliveryResult result = registry.send("slack", message);

        assertInstanceOf(DeliveryResult.RetryableFailure.class, result);
        assertEquals(0, exchanges.get());
    }
}
