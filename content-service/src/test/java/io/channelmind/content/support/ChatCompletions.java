package io.channelmind.content.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds OpenAI chat-completion responses and reads the requests that WireMock received. */
public final class ChatCompletions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatCompletions() {
    }

    /** Returns a chat-completion response whose assistant message is {@code content}. */
    public static String completion(String content) {
        Map<String, Object> response = Map.of(
                "id", "chatcmpl-test",
                "object", "chat.completion",
                "created", 1_714_550_400,
                "model", ModelTestProfile.MODEL,
                "choices", List.of(Map.of(
                        "index", 0,
                        "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 200, "completion_tokens", 50, "total_tokens", 250));
        return write(response);
    }

    /** Returns the JSON object that the system prompt requests from the model. */
    public static String copy(String subject, String body) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        copy.put("subject", subject);
        copy.put("body", body);
        return write(copy);
    }

    /** Returns the text of the message with the given role in a chat-completion request body. */
    public static String message(String requestBody, String role) {
        try {
            for (JsonNode message : JSON.readTree(requestBody).path("messages")) {
                if (role.equals(message.path("role").asText())) {
                    return message.path("content").asText();
                }
            }
            throw new AssertionError("The request has no " + role + " message: " + requestBody);
        } catch (JsonProcessingException e) {
            throw new AssertionError("The request body is not JSON: " + requestBody, e);
        }
    }

    public static JsonNode read(String requestBody) {
        try {
            return JSON.readTree(requestBody);
        } catch (JsonProcessingException e) {
            throw new AssertionError("The request body is not JSON: " + requestBody, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
