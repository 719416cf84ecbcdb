package io.channelmind.web.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.vertx.core.Vertx;

class EgressHttpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static WireMockServer wireMock;
    private static Vertx vertx;

    /** Maps every name under example.test to 127.0.0.1, the only address a test may connect to. */
    private static final HostResolver STUB = host -> {
        if (!host.endsWith(".example.test")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    };

    @BeforeAll
    static void start() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        wireMock.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        wireMock.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook", "http://hooks.example.test/hook"})
    void rejectedUrlOpensNoConnection(String url) {
        AtomicInteger exchanges = new AtomicInteger();
        EgressHttpClient.Transport counting = (target, method, headers, body, timeout) -> {
            exchanges.incrementAndGet();
            return CompletableFuture.completedFuture(new EgressResponse(200, Map.of(), ""));
        };
        EgressHttpClient client = new EgressHttpClient(new EgressGuard(List.of(), STUB), counting);

        assertThrows(EgressRejectedException.class,
                () -> client.send("POST", URI.create(url), Map.of(), "{}", TIMEOUT));

        assertEquals(0, exchanges.get(), "the transport must not be called for a rejected URL");
    }

    @Test
    void connectsToCheckedAddressWithOriginalHost() throws Exception {
        wireMock.stubFor(post("/hook?key=k1").willReturn(aResponse().withStatus(202).withHeader("Retry-After", "3")
                .withBody("queued")));
        EgressHttpClient client = new EgressHttpClient(new EgressGuard(List.of("127.0.0.1"), STUB),
                new VertxTransport(vertx));

        // The system resolver does not know hooks.example.test, so the request arrives only if
        // the client connects to the address that the stub returned.
        EgressResponse response = client.send("POST", URI.create("http://hooks.example.test:" + wireMock.port()
                + "/hook?key=k1"), Map.of("Content-Type", "application/json"), "{\"text\":\"hi\"}", TIMEOUT);

        assertEquals(202, response.statusCode());
        assertEquals("queued", response.body());
        assertEquals(Optional.of("3"), response.header("retry-after"));
        wireMock.verify(postRequestedFor(urlEqualTo("/hook?key=k1"))
                .withHeader("Host", equalTo("hooks.example.test:" + wireMock.port()))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void untrustedCertificateFails() {
        wireMock.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        EgressHttpClient client = new EgressHttpClient(new EgressGuard(List.of("127.0.0.1"), STUB),
                new VertxTransport(vertx));

        // WireMock's self-signed certificate is neither trusted nor issued for hooks.example.test.
        IOException error = assertThrows(IOException.class, () -> client.send("POST",
                URI.create("https://hooks.example.test:" + wireMock.httpsPort() + "/hook"), Map.of(), "{}", TIMEOUT));

        assertEquals(0, wireMock.findAll(postRequestedFor(urlEqualTo("/hook"))).size(), error.toString());
    }

    @Test
    void redirectNotFollowed() throws Exception {
        wireMock.stubFor(post("/moved").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        EgressHttpClient client = new EgressHttpClient(new EgressGuard(List.of("127.0.0.1"), STUB),
                new VertxTransport(vertx));

        EgressResponse response = client.send("POST", URI.create("http://127.0.0.1:" + wireMock.port() + "/moved"),
                Map.of(), "", TIMEOUT);

        assertEquals(307, response.statusCode());
    }
}
