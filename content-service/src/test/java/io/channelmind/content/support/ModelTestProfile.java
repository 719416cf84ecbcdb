package io.channelmind.content.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the application with a model configured: the {@link OpenAiMock} WireMock server on 127.0.0.1. */
public class ModelTestProfile implements QuarkusTestProfile {

    public static final String MODEL = "test-model";
    public static final String GATEWAY = "io.channelmind.content.client.ModelGateway";
    /** A brand whose copy a fine-tuned model writes. */
    public static final String TUNED_BRAND = "tuned-brand";
    public static final String TUNED_BRAND_MODEL = "ft:test-model:acme::brand1";
    public static final String WEIBO_MODEL = "ft:test-model:acme:weibo:w1";

    @Override
    public Map<String, String> getConfigOverrides() {
        // Both spellings, because the %test keys of application.properties would otherwise win.
        return Map.ofEntries(
                Map.entry("channelmind.content.llm.enabled", "true"),
                Map.entry("%test.channelmind.content.llm.enabled", "true"),
                Map.entry("quarkus.langchain4j.openai.api-key", "test-key"),
                Map.entry("%test.quarkus.langchain4j.openai.api-key", "test-key"),
                Map.entry("quarkus.langchain4j.openai.chat-model.model-name", MODEL),
                Map.entry("channelmind.content.brands." + TUNED_BRAND + ".model", TUNED_BRAND_MODEL),
                Map.entry("channelmind.content.channels.weibo.model", WEIBO_MODEL),
                // Long enough for the first call after start on a loaded machine, short for the timeout test.
                Map.entry("quarkus.langchain4j.openai.timeout", "2s"),
                // The failure tests of one class must not open the circuit for the tests after them.
                Map.entry(GATEWAY + "/call/CircuitBreaker/requestVolumeThreshold", "1000"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiMock.class));
    }
}
