package io.channelmind.ingestion.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Sends import requests the way a plain HTTP client does. */
public final class Imports {

    static {
        // REST Assured would otherwise append "; charset=ISO-8859-1" to text/csv, which no real client sends.
        RestAssured.config = RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    private Imports() {
    }

    public static RequestSpecification request(String contentType, byte[] body) {
        return given().contentType(contentType).body(body);
    }

    public static ValidatableResponse post(String query, String contentType, byte[] body) {
        return request(contentType, body).when().post("/api/v1/imports" + query).then();
    }
}
