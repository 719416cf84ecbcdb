package io.channelmind.content.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the application with a model configured: the {@link OpenAiMock} WireMock server on 127.0.0.1. */
public class ModelTestProfile implements QuarkusTestProfile {

    public static final String MODEL = "test-model";

    @Override
    public Map<String, String> getConfigOverrides() {
        // Both spellings, because the %test keys of application.properties would otherwise win.
        return Map.of(
                "channelmind.content.llm.enabled", "true",
                "%test.channelmind.content.llm.enabled", "true",
                "quarkus.langchain4j.openai.api-key", "test-key",
                "%test.quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.chat-model.model-name", MODEL,
                "quarkus.langchain4j.openai.timeout", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiMock.class));
    }
}
