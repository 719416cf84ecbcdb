package io.channelmind.content.rest;

import static io.channelmind.content.support.CopyRequests.brief;
import static io.channelmind.content.support.CopyRequests.request;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.content.support.CopyRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The variants endpoint with no model: the template writes one text, so duplicates are dropped. */
@QuarkusTest
class VariantBatchTemplateTests {

    private static final Map<String, Object> BRIEF = brief("Vela Card", "no annual fee", "Apply", "https://bank.example/vela");

    @Test
    void templateVariantsCollapseToOne() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("variants", 3);

        JsonPath batch = postVariants(body).statusCode(201).extract().jsonPath();

        assertEquals(3, batch.getInt("requested"));
        assertEquals(1, batch.getInt("produced"));
        assertEquals(List.of("variant 2 repeats variant 1 (generator template)", "variant 3 repeats variant 1 (generator template)"),
                batch.getList("dropped"));
        assertEquals(List.of("template"), batch.getList("copies.generator"));
    }

    @Test
    void variantsDefaultToOne() {
        postVariants(request("email", "en", BRIEF)).statusCode(201)
                .body("requested", equalTo(1))
                .body("produced", equalTo(1))
                .body("copies", hasSize(1));
    }

    @Test
    void tooManyVariantsAreRejected() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("variants", 11);

        postVariants(body).statusCode(400)
                .body("errors[0].field", equalTo("variants"))
                .body("errors[0].value", equalTo(11));
    }

    @Test
    void variantWithVariantsIsRejected() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("variants", 2);
        body.put("variant", 2);

        postVariants(body).statusCode(400).body("errors[0].field", equalTo("variant"));
    }

    @Test
    void singleCopyEndpointRejectsVariants() {
        Map<String, Object> body = request("sms", "en", BRIEF);
        body.put("variants", 2);

        CopyRequests.post(body).statusCode(400)
                .body("errors[0].field", equalTo("variants"))
                .body("errors[0].message", equalTo("Send requests with variants to POST /api/v1/copy/variants, or leave variants out"));
    }

    private static ValidatableResponse postVariants(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/copy/variants").then();
    }
}
