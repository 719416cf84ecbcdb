package io.channelmind.content.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Builds copy request bodies and sends them to {@code POST /api/v1/copy}. */
public final class CopyRequests {

    private CopyRequests() {
    }

    public static Map<String, Object> request(String channel, String locale, Map<String, Object> brief) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaign", "spring-savings");
        body.put("segment", "young-professionals");
        body.put("channel", channel);
        body.put("locale", locale);
        body.put("brief", brief);
        body.put("audience", Map.of("size", 4120, "features", Map.of("conversionRate", 0.04, "topChannel", "email")));
        return body;
    }

    public static Map<String, Object> brief(String product, String offer, String callToAction, String url) {
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("product", product);
        brief.put("offer", offer);
        brief.put("callToAction", callToAction);
        brief.put("url", url);
        return brief;
    }

    public static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/copy").then();
    }
}
