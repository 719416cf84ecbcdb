package io.channelmind.content.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.JsonSchema;
import dev.langchain4j.model.openai.internal.chat.ResponseFormatType;
import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Sends chat-completion requests to the OpenAI-compatible endpoint without blocking a thread
 * while the model writes. It reads the same {@code quarkus.langchain4j.openai} settings as the
 * extension's chat model: base URL, API key, timeout, temperature, strict JSON schema and
 * request logging. Unlike that chat model, it does not retry a failed call itself;
 * {@link ModelGateway} decides about retries.
 *
 * The request goes through a plain Vert.x {@link HttpClient}, not the extension's REST client:
 * in a profile of the latency benchmark the REST client, its writer interceptors and the
 * serialisation of the whole request object took about a fifth of the service's allocations per
 * copy. The part of the body that is the same for every call of a model and response format
 * (model, temperature, {@code response_format}) is serialised once with the extension's own
 * mapper, and each call adds only its two messages.
 *
 * NOTE: the request and response types are in the {@code internal} package of
 * langchain4j-open-ai (1.14), which may change in a minor release.
 */
@ApplicationScoped
public class ModelClient {

    public static final String POOL_SIZE_KEY = "channelmind.content.llm.connection-pool-size";
    static final int DEFAULT_POOL_SIZE = 256;

    private static final Logger LOG = Logger.getLogger(ModelClient.class);
    /** The message of Vert.x's {@link HttpClosedException} (Vert.x 4.5). */
    private static final String CONNECTION_CLOSED = "Connection was closed";
    private static final byte[] SYSTEM_MESSAGE = ",\"messages\":[{\"role\":\"system\",\"content\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] USER_MESSAGE = "\"},{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\"}]}".getBytes(StandardCharsets.UTF_8);

    private final HttpClient client;
    private final String chatCompletionsUrl;
    private final String authorization;
    private final long timeoutMillis;
    private final boolean logRequests;
    private final boolean logResponses;
    private final double temperature;
    private final boolean strictJsonSchema;
    private final TokenUsageMetrics usage;
    private final ObjectMapper mapper;
    private final Map<BodyKey, byte[]> bodyStarts = new ConcurrentHashMap<>();

    /**
     * The model and response format that decide the start of a request body. The hash reads only
     * the format's type and schema name, because the hash of a whole JSON schema walks its tree
     * on every request. Equal formats still have equal hashes, and equals compares the whole format.
     */
    private record BodyKey(String model, ResponseFormat responseFormat) {

        @Override
        public boolean equals(Object other) {
            return other instanceof BodyKey key && model.equals(key.model)
                    && (responseFormat == key.responseFormat || Objects.equals(responseFormat, key.responseFormat));
        }

        @Override
        public int hashCode() {
            if (responseFormat == null) {
                return model.hashCode();
            }
            String schemaName = responseFormat.jsonSchema() == null ? null : responseFormat.jsonSchema().name();
            return Objects.hash(model, responseFormat.type(), schemaName);
        }
    }

    public ModelClient(Vertx vertx, TokenUsageMetrics usage,
            @ConfigProperty(name = "quarkus.langchain4j.openai.base-url") String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.api-key") String apiKey,
            @ConfigProperty(name = "quarkus.langchain4j.openai.timeout", defaultValue = "10s") Duration timeout,
            @ConfigProperty(name = "quarkus.langchain4j.openai.log-requests", defaultValue = "false") boolean logRequests,
            @ConfigProperty(name = "quarkus.langchain4j.openai.log-responses", defaultValue = "false") boolean logResponses,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.temperature", defaultValue = "1.0") double temperature,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.strict-json-schema", defaultValue = "false")
            boolean strictJsonSchema,
            @ConfigProperty(name = POOL_SIZE_KEY, defaultValue = "" + DEFAULT_POOL_SIZE) int poolSize) {
        this.usage = usage;
        // The snake-case mapper that the extension's OpenAI REST client reads and writes with. It
        // is a copy of the application's mapper, so it exists only once the CDI container runs.
        this.mapper = OpenAiRestApi.ObjectMapperHolder.MAPPER;
        this.temperature = temperature;
        this.strictJsonSchema = strictJsonSchema;
        this.logRequests = logRequests;
        this.logResponses = logResponses;
        this.timeoutMillis = timeout.toMillis();
        this.chatCompletionsUrl = (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "chat/completions";
        this.authorization = "Bearer " + apiKey;
        this.client = vertx.createHttpClient(clientOptions(poolSize, timeout));
    }

    /**
     * Returns the options of the HTTP client to the model host: {@code poolSize} connections,
     * which is the number of model calls in flight at once, and the connect timeout.
     */
    static HttpClientOptions clientOptions(int poolSize, Duration timeout) {
        if (poolSize < 1) {
            throw new IllegalArgumentException(
                    "Invalid " + POOL_SIZE_KEY + " " + poolSize + "; set a number of connections of 1 or more");
        }
        return new HttpClientOptions()
                .setMaxPoolSize(poolSize)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Sends one request and emits the text of the first choice. Token usage is recorded when the
     * response reports it. The item or failure is emitted on the thread that received the
     * response. A 429 response with a valid {@code Retry-After} fails with
     * {@link ProviderRateLimitedException}, any other status outside 2xx with {@link HttpException}.
     */
    public Uni<String> complete(ModelCall call) {
        Buffer body = requestBody(call);
        if (logRequests) {
            LOG.infof("Model request to %s: %s", chatCompletionsUrl, body);
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(chatCompletionsUrl)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(HttpHeaders.AUTHORIZATION, authorization)
                // No byte of the response for this long fails the call with a timeout, as the
                // read timeout of the extension's REST client does.
                .setIdleTimeout(timeoutMillis);
        return Uni.createFrom().<String>emitter(emitter -> client.request(options)
                        .compose(request -> request.send(body))
                        .compose(response -> response.body().map(received -> readResponse(call, response.statusCode(),
                                response.getHeader("Retry-After"), received)))
                        .onComplete(result -> {
                            if (result.succeeded()) {
                                emitter.complete(result.result());
                            } else {
                                emitter.fail(result.cause());
                            }
                        }))
                // A pooled connection that the model host closed while it was idle fails the next
                // request on it. That request is sent once more on a new connection, so that a burst
                // after a quiet period does not count as failures of the circuit breaker.
                .onFailure(ModelClient::isClosedConnection).invoke(failure -> LOG.debugf(
                        "Model %s: the connection was closed before the response; sending the request again", call.modelName()))
                .onFailure(ModelClient::isClosedConnection).retry().atMost(1);
    }

    /** Returns the text of the first choice of a 2xx response, or throws the failure that the status means. */
    private String readResponse(ModelCall call, int status, String retryAfter, Buffer received) {
        if (logResponses) {
            LOG.infof("Model response %d: %s", status, received);
        }
        if (status == RetryAfter.TOO_MANY_REQUESTS) {
            Optional<Duration> wait = RetryAfter.parse(retryAfter, ZonedDateTime.now());
            if (wait.isPresent()) {
                throw new ProviderRateLimitedException(wait.get());
            }
        }
        if (status < 200 || status > 299) {
            throw new HttpException(status, "Model " + call.modelName() + " returned HTTP " + status + ": " + received);
        }
        ChatCompletionResponse response;
        try {
            response = mapper.readValue(received.getBytes(), ChatCompletionResponse.class);
        } catch (IOException e) {
            throw new IllegalStateException("Model " + call.modelName() + " returned a response that is not a chat completion: "
                    + e.getMessage(), e);
        }
        if (response.usage() != null) {
            usage.record(response.model(), response.usage().promptTokens(), response.usage().completionTokens());
        }
        return response.content();
    }

    /**
     * Returns the JSON body of a call: the serialised start for its model and response format,
     * then the system and user messages, escaped as JSON strings.
     */
    Buffer requestBody(ModelCall call) {
        byte[] start = bodyStarts.computeIfAbsent(new BodyKey(call.modelName(), call.responseFormat()), this::bodyStart);
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        byte[] system = encoder.quoteAsUTF8(call.systemMessage());
        byte[] user = encoder.quoteAsUTF8(call.userMessage());
        Buffer body = Buffer.buffer(start.length + SYSTEM_MESSAGE.length + system.length + USER_MESSAGE.length + user.length
                + END.length);
        return body.appendBytes(start).appendBytes(SYSTEM_MESSAGE).appendBytes(system).appendBytes(USER_MESSAGE)
                .appendBytes(user).appendBytes(END);
    }

    /**
     * Serialises the request without its messages, as the extension's REST client would, and
     * returns it without the closing brace, so the messages member can follow.
     */
    private byte[] bodyStart(BodyKey key) {
        ChatCompletionRequest.Builder request = ChatCompletionRequest.builder()
                .model(key.model())
                .temperature(temperature);
        if (key.responseFormat() != null) {
            request.responseFormat(toWireFormat(key.responseFormat()));
        }
        ObjectNode node = mapper.valueToTree(request.build());
        node.remove("messages");
        String json = node.toString();
        return json.substring(0, json.length() - 1).getBytes(StandardCharsets.UTF_8);
    }

    /** Tells whether a call failed because its connection closed, as an idle connection closed by the host does. */
    static boolean isClosedConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Vert.x raises HttpClosedException; a client that wraps Vert.x may report an IOException with its message.
            if (cause instanceof HttpClosedException
                    || (cause instanceof IOException && CONNECTION_CLOSED.equals(cause.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /** Converts a response format to the {@code response_format} member. */
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
