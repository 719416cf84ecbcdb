package io.channelmind.content.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.SystemMessage;
import dev.langchain4j.model.openai.internal.chat.UserMessage;
import io.channelmind.content.support.ModelTestProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * Checks the body that {@link ModelClient} writes against the body that the extension's OpenAI
 * REST client writes for the same request. The extension's mapper needs the CDI container, so
 * these tests run in the application.
 */
@QuarkusTest
@TestProfile(ModelTestProfile.class)
class ModelRequestBodyTests {

    private static final JsonSchema SCHEMA = JsonSchema.builder()
            .name("marketing_copy")
            .rootElement(JsonObjectSchema.builder().addProperty("body", new JsonStringSchema()).required("body").build())
            .build();

    @Inject
    Vertx vertx;

    private ModelClient client() {
        return new ModelClient(vertx, new TokenUsageMetrics(new SimpleMeterRegistry(), 0, 0), "http://127.0.0.1:9/v1", "key",
                Duration.ofSeconds(1), false, false, 0.7, true, 4);
    }

    /** Returns the body that the extension's REST client writes for the same request. */
    private static JsonNode restClientBody(ModelCall call, dev.langchain4j.model.openai.internal.chat.ResponseFormat format)
            throws IOException {
        ChatCompletionRequest.Builder request = ChatCompletionRequest.builder()
                .model(call.modelName())
                .messages(SystemMessage.from(call.systemMessage()), UserMessage.from(call.userMessage()))
                .temperature(0.7);
        if (format != null) {
            request.responseFormat(format);
        }
        return OpenAiRestApi.ObjectMapperHolder.MAPPER.readTree(
                OpenAiRestApi.ObjectMapperHolder.MAPPER.writeValueAsString(request.build()));
    }

    @Test
    void bodyEqualsRestClientBody() throws IOException {
        ModelCall call = new ModelCall("Write \"copy\"\nin 中文 \u0001", "Product: 茶 & {tea}\tnow", "gpt-x", null);

        JsonNode sent = OpenAiRestApi.ObjectMapperHolder.MAPPER.readTree(client().requestBody(call).getBytes());

        assertEquals(restClientBody(call, null), sent);
        assertEquals("Write \"copy\"\nin 中文 \u0001", sent.path("messages").path(0).path("content").asText());
    }

    @Test
    void bodyCarriesJsonSchemaFormat() throws IOException {
        ModelCall call = new ModelCall("system", "user", "gpt-x",
                ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(SCHEMA).build());

        JsonNode sent = OpenAiRestApi.ObjectMapperHolder.MAPPER.readTree(client().requestBody(call).getBytes());

        assertEquals("json_schema", sent.path("response_format").path("type").asText(), sent.toString());
        assertEquals("marketing_copy", sent.path("response_format").path("json_schema").path("name").asText(), sent.toString());
        assertTrue(sent.path("response_format").path("json_schema").path("strict").asBoolean(), sent.toString());
        assertEquals("user", sent.path("messages").path(1).path("content").asText());
        assertEquals(0.7, sent.path("temperature").asDouble());
    }

    @Test
    void bodyStartIsReusedPerModel() {
        ModelClient client = client();

        String first = client.requestBody(new ModelCall("s", "u", "model-a", ResponseFormat.JSON)).toString();
        String second = client.requestBody(new ModelCall("s", "u", "model-b", ResponseFormat.JSON)).toString();

        assertTrue(first.contains("\"model\":\"model-a\""), first);
        assertTrue(second.contains("\"model\":\"model-b\""), second);
    }
}
