package io.channelmind.content.support;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.path.json.JsonPath;

/** Stubs of the {@link OpenAiMock} chat-completions endpoint keyed by a product name, and the copy requests that use them. */
public final class ModelStubs {

    private ModelStubs() {
    }

    /** Stubs {@code response} as the reply to every chat-completion request that contains the product name. */
    public static void stub(String product, String response) {
        OpenAiMock.server().stubFor(post(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS)).withRequestBody(containing(product))
                .willReturn(okJson(response)));
    }

    /** Returns the chat-completion requests that contain the product name, oldest first. */
    public static List<LoggedRequest> requestsFor(String product) {
        return OpenAiMock.server().findAll(postRequestedFor(urlEqualTo(OpenAiMock.CHAT_COMPLETIONS))
                .withRequestBody(containing(product)));
    }

    /** Posts a copy request and returns the created copy, failing unless the status is 201. */
    public static JsonPath create(Map<String, Object> body) {
        return CopyRequests.post(body).statusCode(201).extract().jsonPath();
    }
}
