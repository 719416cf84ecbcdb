package io.channelmind.content.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.openai.internal.OpenAiClient;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.JsonSchema;
import dev.langchain4j.model.openai.internal.chat.ResponseFormatType;
import dev.langchain4j.model.openai.internal.chat.SystemMessage;
import dev.langchain4j.model.openai.internal.chat.UserMessage;
import io.quarkiverse.langchain4j.openai.common.QuarkusOpenAiClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;

/**
 * Sends chat-completion requests without blocking a thread while the model writes. It uses the
 * OpenAI REST client of quarkus-langchain4j-openai with the same {@code quarkus.langchain4j.openai}
 * settings as the extension's chat model: base URL, API key, timeout, temperature, strict JSON
 * schema and request logging. Unlike that chat model, it does not retry a failed call itself;
 * {@link ModelGateway} decides about retries.
 *
 * NOTE: the request and response types are in the {@code internal} package of
 * langchain4j-open-ai (1.14), which may change in a minor release.
 */
@ApplicationScoped
public class ModelClient {

    private static final Logger LOG = Logger.getLogger(ModelClient.class);
    /** The message of Vert.x's {@link HttpClosedException} (Vert.x 4.5). */
    private static final String CONNECTION_CLOSED = "Connection was closed";

    private final OpenAiClient client;
    private final double temperature;
    private final boolean strictJsonSchema;
    private final TokenUsageMetrics usage;
    private final Map<ResponseFormat, dev.langchain4j.model.openai.internal.chat.ResponseFormat> wireFormats =
            new ConcurrentHashMap<>();

    public ModelClient(TokenUsageMetrics usage,
            @ConfigProperty(name = "quarkus.langchain4j.openai.base-url") String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.api-key") String apiKey,
            @ConfigProperty(name = "quarkus.langchain4j.openai.timeout", defaultValue = "10s") Duration timeout,
            @ConfigProperty(name = "quarkus.langchain4j.openai.log-requests", defaultValue = "false") boolean logRequests,
            @ConfigProperty(name = "quarkus.langchain4j.openai.log-responses", defaultValue = "false") boolean logResponses,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.temperature", defaultValue = "1.0") double temperature,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.strict-json-schema", defaultValue = "false")
            boolean strictJsonSchema) {
        this.usage = usage;
        this.temperature = temperature;
        this.strictJsonSchema = strictJsonSchema;
        this.client = QuarkusOpenAiClient.builder()
                .baseUrl(baseUrl)
                .openAiApiKey(apiKey)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .logRequests(logRequests)
                .logResponses(logResponses)
                .build();
    }

    /**
     * Sends one request and emits the text of the first choice. Token usage is recorded when the
     * response reports it. The item or failure is emitted on the thread that received the response.
     */
    public Uni<String> complete(ModelCall call) {
        ChatCompletionRequest.Builder request = ChatCompletionRequest.builder()
                .model(call.modelName())
                .messages(SystemMessage.from(call.systemMessage()), UserMessage.from(call.userMessage()))
                .temperature(temperature);
        if (call.responseFormat() != null) {
            request.responseFormat(wireFormats.computeIfAbsent(call.responseFormat(), this::toWireFormat));
        }
        ChatCompletionRequest built = request.build();
        return Uni.createFrom().<ChatCompletionResponse>emitter(emitter -> client.chatCompletion(built)
                        .onResponse(emitter::complete)
                        .onError(emitter::fail)
                        .execute())
                // A pooled connection that the model host closed while it was idle fails the next
                // request on it. That request is sent once more on a new connection, so that a burst
                // after a quiet period does not count as failures of the circuit breaker.
                .onFailure(ModelClient::isClosedConnection).invoke(failure -> LOG.debugf(
                        "Model %s: the connection was closed before the response; sending the request again", call.modelName()))
                .onFailure(ModelClient::isClosedConnection).retry().atMost(1)
                .map(response -> {
                    if (response.usage() != null) {
                        usage.record(response.model(), response.usage().promptTokens(), response.usage().completionTokens());
                    }
                    return response.content();
                });
    }

    /** Tells whether a call failed because its connection closed, as an idle connection closed by the host does. */
    static boolean isClosedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // In the benchmark the REST client reported the closed connection as an IOException with this message.
            if (cause instanceof HttpClosedException
                    || (cause instanceof IOException && CONNECTION_CLOSED.equals(cause.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** Converts a response format to the {@code response_format} member, once per format. */
    private dev.langchain4j.model.openai.internal.chat.ResponseFormat toWireFormat(ResponseFormat format) {
        if (format.jsonSchema() == null) {
            return dev.langchain4j.model.openai.internal.chat.ResponseFormat.builder().type(ResponseFormatType.JSON_OBJECT).build();
        }
        JsonSchema schema = JsonSchema.builder()
                .name(format.jsonSchema().name())
                .strict(strictJsonSchema)
                .schema(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement(), strictJsonSchema))
                .build();
        return dev.langchain4j.model.openai.internal.chat.ResponseFormat.builder()
                .type(ResponseFormatType.JSON_SCHEMA)
                .jsonSchema(schema)
                .build();
    }
}
