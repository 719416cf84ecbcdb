package io.channelmind.ingestion.rest;

import static io.channelmind.web.testing.BadInputCases.INJECTIONS;
import static io.channelmind.web.testing.BadInputCases.NOT_UUIDS;
import static io.channelmind.web.testing.BadInputCases.PAST_LONG;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.channelmind.ingestion.support.Tracking;
import io.channelmind.ingestion.support.Tracking.CreatedSource;
import io.channelmind.web.testing.BadInputCases;
import io.channelmind.web.testing.BadInputSuite;
import io.channelmind.web.testing.BadInputSuiteBase;
import io.channelmind.web.testing.BadRequest;
import io.quarkus.test.junit.QuarkusTest;

/** Sends malformed requests to every public endpoint of ingestion-service and expects a 4xx problem for each. */
@QuarkusTest
class BadInputSuiteTest extends BadInputSuiteBase {

    private static final String SOURCES = "/api/v1/sources";
    private static final String SOURCE = "{\"name\":\"bad-input-source\"}";
    private static final String MAPPINGS = "/api/v1/mappings";
    private static final String MAPPING = "{\"name\":\"bad-input\",\"format\":\"csv\",\"columns\":[]}";
    private static final String IMPORTS = "/api/v1/imports";
    private static final byte[] CSV = "email,customer_id\nli@example.com,7\n".getBytes(StandardCharsets.UTF_8);
    private static final String TRACK = "{\"messageId\":\"bad-input-1\",\"userId\":\"u-1\",\"event\":\"Clicked\","
            + "\"properties\":{\"plan\":\"pro\"}}";
    private static final String IDENTIFY = "{\"messageId\":\"bad-input-2\",\"userId\":\"u-1\","
            + "\"traits\":{\"plan\":\"pro\"}}";
    private static final String ALIAS = "{\"messageId\":\"bad-input-3\",\"userId\":\"u-1\",\"previousId\":\"a-1\"}";
    private static final String BATCH = "{\"batch\":[" + TRACK + "]}";

    private CreatedSource source;

    /** Creates a tracking source, because the tracking cases need its write key. */
    @Override
    protected List<BadRequest> cases() {
        source = Tracking.createSource("bad-input");
        return BadInputCases.create()
                .malformedBodies("POST", SOURCES, SOURCE)
                .wrongTypes("POST", SOURCES, SOURCE, "name")
                .missingFields("POST", SOURCES, SOURCE, "name")
                .fieldValues("POST", SOURCES, SOURCE, "name", INJECTIONS)
                .fieldValues("POST", SOURCES, SOURCE, "name", List.of("", "s".repeat(300)))
                .unknownIds("GET", SOURCES + "/{}", List.of("no-such-source", "' OR '1'='1' --"))
                .unknownIds("POST", SOURCES + "/{}/rotate", List.of("{{7*7}}"))
                .unknownIds("DELETE", SOURCES + "/{}", List.of("<script>alert(1)</script>"))
                .malformedBodies("PUT", MAPPINGS + "/bad-input", MAPPING)
                .unknownIds("GET", MAPPINGS + "/{}", List.of("no-such-mapping", "../../etc/passwd"))
                .add("CSV file without mapping", "POST", IMPORTS, "text/csv", CSV, "mapping")
                .queryValues("POST", IMPORTS, "mapping", List.of("no-such-mapping", "' OR '1'='1' --", "{{7*7}}"))
                .add("PDF file", "POST", IMPORTS + "?mapping=customer-list", "application/pdf", CSV, null)
                .add("empty file", "POST", IMPORTS + "?mapping=customer-list", "text/csv", new byte[0], null)
                .pathValues("GET", IMPORTS + "/{}", "importId", NOT_UUIDS)
                .pathValues("POST", IMPORTS + "/{}/cancel", "importId", List.of("not-a-uuid", "${jndi:ldap://127.0.0.1:1/a}"))
                .pathValues("GET", IMPORTS + "/{}/errors", "importId", List.of("not-a-uuid"))
                .queryValues("GET", IMPORTS, "limit", List.of("-1", "0", "101", "abc", PAST_LONG))
                .withHeader("Authorization", Tracking.basic(source.writeKey()))
                .malformedJson("POST", "/v1/track", TRACK)
                .wrongTypes("POST", "/v1/track", TRACK, "messageId", "userId", "event", "properties")
                .missingFields("POST", "/v1/track", TRACK, "event")
                .fieldValues("POST", "/v1/track", TRACK, "timestamp", List.of("yesterday", "2024-02-30T00:00:00Z"))
                .malformedJson("POST", "/v1/identify", IDENTIFY)
                .wrongTypes("POST", "/v1/identify", IDENTIFY, "traits")
                .missingFields("POST", "/v1/alias", ALIAS, "previousId")
                .wrongTypes("POST", "/v1/batch", BATCH, "batch")
                .fieldValues("POST", "/v1/batch", BATCH, "batch", List.of(List.of(Map.of("type", "teleport"))))
                .malformedJson("POST", "/v1/batch", BATCH)
                .build();
    }

    @Test
    @Order(3)
    void chunkedJsonOverLimitGetsProblem() throws Exception {
        // ingestion-service sets channelmind.http.max-json-body-size=1M below its 16G body limit.
        BadInputSuite.assertChunkedBodyRejected(SOURCES, 1024 * 1024 + 4096, Map.of());
    }

    @Override
    protected void assertServing() {
        source.post("/v1/track", TRACK.replace("bad-input-1", "bad-input-after")).statusCode(200);
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
