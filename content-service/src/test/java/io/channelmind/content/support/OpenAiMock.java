package io.channelmind.content.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts WireMock on a free port of 127.0.0.1 as the OpenAI-compatible endpoint and points
 * both the OpenAI extension and the model switch at it. Tests add their own stubs for
 * {@code POST /v1/chat/completions} through {@link #server()}.
 *
 * NOTE: the static field works because Quarkus starts test resources in the JVM that runs the
 * tests.
 */
public class OpenAiMock implements QuarkusTestResourceLifecycleManager {

    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    private static volatile WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String baseUrl = "http://127.0.0.1:" + server.port() + "/v1";
        return Map.of(
                "quarkus.langchain4j.openai.base-url", baseUrl,
                "%test.quarkus.langchain4j.openai.base-url", baseUrl,
                "channelmind.content.llm.base-url", baseUrl);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
