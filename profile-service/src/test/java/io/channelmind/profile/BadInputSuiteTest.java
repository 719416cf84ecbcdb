package io.channelmind.profile;

import static io.channelmind.web.testing.BadInputCases.INJECTIONS;
import static io.channelmind.web.testing.BadInputCases.NOT_UUIDS;
import static io.channelmind.web.testing.BadInputCases.PAST_LONG;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.channelmind.web.testing.BadInputCases;
import io.channelmind.web.testing.BadInputSuite;
import io.channelmind.web.testing.BadInputSuiteBase;
import io.channelmind.web.testing.BadRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Sends malformed requests to every public endpoint of profile-service and expects a 4xx problem for each. */
@QuarkusTest
class BadInputSuiteTest extends BadInputSuiteBase {

    private static final String SEGMENTS = "/api/v1/segments";
    private static final String SEGMENT = "{\"name\":\"bad-input-segment\",\"rule\":\"conversions = 0\","
            + "\"description\":\"for the bad-input suite\"}";
    private static final String PREVIEW = "{\"rule\":\"conversions = 0\",\"sampleSize\":5}";
    private static final String LEARNED = "{\"name\":\"bad-input-groups\",\"k\":3,\"seed\":7}";
    private static final String CONSENT = "/api/v1/privacy/consent/bad-input:a/email/marketing";
    private static final String CONSENT_CHANGE = "{\"state\":\"granted\",\"doubleOptIn\":false,\"actor\":\"suite\","
            + "\"note\":\"bad input\"}";
    private static final String DO_NOT_CONTACT = "/api/v1/privacy/consent/bad-input:a/do-not-contact";
    private static final String MARK = "{\"reason\":\"manual\",\"actor\":\"suite\",\"note\":\"bad input\"}";
    private static final String ERASURES = "/api/v1/privacy/erasures";
    private static final String EXPORTS = "/api/v1/privacy/exports";
    private static final String PRIVACY_REQUEST = "{\"kind\":\"email\",\"value\":\"bad-input@example.com\"}";

    @Override
    protected List<BadRequest> cases() {
        return BadInputCases.create()
                .malformedBodies("POST", SEGMENTS, SEGMENT)
                .wrongTypes("POST", SEGMENTS, SEGMENT, "name", "rule", "description")
                .missingFields("POST", SEGMENTS, SEGMENT, "name", "rule")
                .fieldValues("POST", SEGMENTS, SEGMENT, "name", INJECTIONS)
                .fieldValues("POST", SEGMENTS, SEGMENT, "rule", INJECTIONS)
                .fieldValues("POST", SEGMENTS, SEGMENT, "description", List.of("d".repeat(100_000)))
                .malformedBodies("POST", SEGMENTS + "/preview", PREVIEW)
                .fieldValues("POST", SEGMENTS + "/preview", PREVIEW, "sampleSize", List.of(-1, 1_000_000))
                .rawFieldValues("POST", SEGMENTS + "/preview", PREVIEW, "sampleSize", List.of(PAST_LONG, "1e400"))
                .wrongTypes("POST", SEGMENTS + "/preview", PREVIEW, "rule", "sampleSize")
                .fieldValues("POST", SEGMENTS + "/preview", PREVIEW, "asOf", List.of("yesterday", "2024-13-45T99:00:00Z"))
                .malformedBodies("POST", SEGMENTS + "/learned", LEARNED)
                .fieldValues("POST", SEGMENTS + "/learned", LEARNED, "k", List.of(0, -5, 100_000))
                .rawFieldValues("POST", SEGMENTS + "/learned", LEARNED, "k", List.of(PAST_LONG))
                .rawFieldValues("POST", SEGMENTS + "/learned", LEARNED, "seed", List.of(PAST_LONG))
                .fieldValues("POST", SEGMENTS + "/learned", LEARNED, "name", List.of("../groups", "{{7*7}}"))
                .malformedBodies("PUT", CONSENT, CONSENT_CHANGE)
                .fieldValues("PUT", CONSENT, CONSENT_CHANGE, "state", List.of("maybe", "GRANTED!", ""))
                .fieldValues("PUT", CONSENT, CONSENT_CHANGE, "note", List.of("n".repeat(600)))
                .wrongTypes("PUT", CONSENT, CONSENT_CHANGE, "state", "doubleOptIn", "actor")
                .pathValues("PUT", "/api/v1/privacy/consent/bad-input:a/{}/marketing", "channel",
                        List.of("Carrier Pigeon", "<script>alert(1)</script>"), CONSENT_CHANGE)
                .pathValues("PUT", "/api/v1/privacy/consent/bad-input:a/email/{}", "purpose",
                        List.of("everything", "${jndi:ldap://127.0.0.1:1/a}"), CONSENT_CHANGE)
                .malformedBodies("POST", "/api/v1/privacy/consent/confirmations", "{\"token\":\"abc\"}")
                .fieldValues("POST", "/api/v1/privacy/consent/confirmations", "{\"token\":\"abc\"}", "token",
                        List.of("", "' OR '1'='1' --", "x".repeat(10_000)))
                .missingFields("POST", "/api/v1/privacy/consent/confirmations", "{\"token\":\"abc\"}", "token")
                .malformedBodies("PUT", DO_NOT_CONTACT, MARK)
                .fieldValues("PUT", DO_NOT_CONTACT, MARK, "reason", List.of("because", "{{7*7}}"))
                .malformedBodies("POST", ERASURES, PRIVACY_REQUEST)
                .fieldValues("POST", ERASURES, PRIVACY_REQUEST, "kind", List.of("passport", "' OR '1'='1' --"))
                .missingFields("POST", ERASURES, PRIVACY_REQUEST, "kind", "value")
                .wrongTypes("POST", ERASURES, PRIVACY_REQUEST, "kind", "value")
                .fieldValues("POST", EXPORTS, PRIVACY_REQUEST, "kind", List.of("passport"))
                .missingFields("POST", EXPORTS, PRIVACY_REQUEST, "value")
                .pathValues("GET", ERASURES + "/{}", "requestId", NOT_UUIDS)
                .pathValues("GET", EXPORTS + "/{}", "requestId", List.of("not-a-uuid", "{{7*7}}"))
                .queryValues("GET", "/api/v1/profiles", "limit", List.of("-1", "0", "abc", PAST_LONG, "1e3"))
                .queryValues("GET", "/api/v1/profiles/interests", "limit", List.of("-10", "many"))
                .queryValues("GET", "/api/v1/profiles/by-identity?value=a", "kind", List.of("passport", "{{7*7}}"))
                .queryValues("GET", "/api/v1/profiles/by-identity?kind=email", "value", List.of(""))
                .unknownIds("GET", "/api/v1/profiles/{}", INJECTIONS)
                .queryValues("GET", "/api/v1/profiles/bad-input:a/similar", "limit", List.of("-1", "abc"))
                .queryValues("GET", SEGMENTS + "/bad-input-segment/members", "limit", List.of("-1", PAST_LONG))
                .unknownIds("GET", SEGMENTS + "/{}", List.of("' OR '1'='1' --", "<script>alert(1)</script>"))
                .queryValues("GET", "/api/v1/profiles/bad-input:a/offers", "limit", List.of("-5", "lots"))
                .queryValues("GET", "/api/v1/profiles/bad-input:a/offers", "explain", List.of("maybe"))
                .queryValues("GET", SEGMENTS + "/bad-input-segment/offers", "limit", List.of("-5"))
                .build();
    }

    @Test
    @Order(3)
    void chunkedBodyOverLimitGetsProblem() throws Exception {
        // profile-service sets quarkus.http.limits.max-body-size=1M.
        BadInputSuite.assertChunkedBodyRejected(SEGMENTS, 1024 * 1024 + 4096, Map.of());
    }

    @Override
    protected void assertServing() {
        when().get("/api/v1/stats").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("rule", "conversions = 0", "sampleSize", 1))
                .post(SEGMENTS + "/preview")
                .then().statusCode(200);
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
