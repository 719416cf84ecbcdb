package io.channelmind.automation;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one WireMock server on 127.0.0.1 in place of profile-service, content-service and
 * channel-optimizer, and points the three REST clients at it. Tests stub it through
 * {@link #server()}, which works because test resources run in the JVM of the tests.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    private static volatile WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of(
                "quarkus.rest-client.profile-service.url", url,
                "quarkus.rest-client.content-service.url", url,
                "quarkus.rest-client.channel-optimizer.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
