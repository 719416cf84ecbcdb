package io.channelmind.content.client;

import dev.langchain4j.model.chat.request.ResponseFormat;

/**
 * One chat-completion request of the copywriter.
 *
 * @param modelName the model to call, such as a fine-tuned model chosen for the brand or channel
 * @param responseFormat the {@code response_format} to request, or null to send none
 */
public record ModelCall(String systemMessage, String userMessage, String modelName, ResponseFormat responseFormat) {
}
