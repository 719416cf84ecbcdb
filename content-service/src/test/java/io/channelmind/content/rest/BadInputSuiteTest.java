package io.channelmind.content.rest;

import static io.channelmind.web.testing.BadInputCases.INJECTIONS;
import static io.channelmind.web.testing.BadInputCases.NOT_UUIDS;
import static io.channelmind.web.testing.BadInputCases.PAST_LONG;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import io.channelmind.content.support.CopyRequests;
import io.channelmind.web.testing.BadInputCases;
import io.channelmind.web.testing.BadInputSuiteBase;
import io.channelmind.web.testing.BadRequest;
import io.quarkus.test.junit.QuarkusTest;

/** Sends malformed requests to every public endpoint of content-service and expects a 4xx problem for each. */
@QuarkusTest
class BadInputSuiteTest extends BadInputSuiteBase {

    private static final String COPY = "/api/v1/copy";
    private static final String COPY_REQUEST = "{\"campaign\":\"spring-savings\",\"segment\":\"young-professionals\","
            + "\"channel\":\"sms\",\"locale\":\"en\",\"brief\":{\"product\":\"Wealth Plus\",\"offer\":\"3.5% a year\"},"
            + "\"audience\":{\"size\":4120,\"features\":{\"conversionRate\":0.04}},\"maxSmsSegments\":2,"
            + "\"brand\":\"acme-bank\",\"industry\":\"finance\",\"variant\":1}";
    private static final String VARIANTS_REQUEST = COPY_REQUEST.replace("\"variant\":1", "\"variants\":3");
    private static final String JOBS = "/api/v1/copy/fine-tuning-jobs";
    private static final String JOB = "{\"baseModel\":\"gpt-4o-mini\",\"suffix\":\"channelmind\"}";
    private static final String CHOICES = "/api/v1/copy/model-choices";
    private static final String CHOICE = "{\"brand\":\"acme-bank\",\"channel\":\"sms\",\"model\":\"gpt-4o-mini\"}";

    @Override
    protected List<BadRequest> cases() {
        return BadInputCases.create()
                .malformedBodies("POST", COPY, COPY_REQUEST)
                .wrongTypes("POST", COPY, COPY_REQUEST, "campaign", "channel", "locale", "brief", "audience",
                        "maxSmsSegments", "variant")
                .missingFields("POST", COPY, COPY_REQUEST, "channel", "brief")
                .fieldValues("POST", COPY, COPY_REQUEST, "channel", INJECTIONS)
                .fieldValues("POST", COPY, COPY_REQUEST, "locale", List.of("fr", "{{7*7}}", "${jndi:ldap://127.0.0.1:1/a}"))
                .fieldValues("POST", COPY, COPY_REQUEST, "brand", List.of("unknown-bank", "' OR '1'='1' --"))
                .fieldValues("POST", COPY, COPY_REQUEST, "industry", List.of("gambling"))
                .fieldValues("POST", COPY, COPY_REQUEST, "maxSmsSegments", List.of(0, -1, 11))
                .rawFieldValues("POST", COPY, COPY_REQUEST, "maxSmsSegments", List.of(PAST_LONG))
                .fieldValues("POST", COPY, COPY_REQUEST, "brief", List.of(Map.of("offer", "no product")))
                .fieldValues("POST", COPY, COPY_REQUEST, "audience", List.of(Map.of("size", -5)))
                .fieldValues("POST", COPY, COPY_REQUEST, "campaign", List.of("c".repeat(100_000)))
                .malformedBodies("POST", COPY + "/variants", VARIANTS_REQUEST)
                .fieldValues("POST", COPY + "/variants", VARIANTS_REQUEST, "variants", List.of(0, -3, 10_000))
                .rawFieldValues("POST", COPY + "/variants", VARIANTS_REQUEST, "variants", List.of(PAST_LONG))
                .pathValues("GET", COPY + "/{}", "copyId", NOT_UUIDS)
                .pathValues("POST", COPY + "/{}/approval", "copyId", List.of("not-a-uuid", "{{7*7}}"))
                .queryValues("GET", COPY + "?campaign=spring-savings", "channel", List.of("", "<script>alert(1)</script>"))
                .queryValues("GET", COPY + "?channel=sms", "campaign", List.of(""))
                .queryValues("GET", COPY + "/performance?campaign=spring-savings", "channel", List.of("' OR '1'='1' --"))
                .malformedBodies("POST", JOBS, JOB)
                .fieldValues("POST", JOBS, JOB, "suffix", List.of("../../etc/passwd", "s".repeat(65), "{{7*7}}"))
                .wrongTypes("POST", JOBS, JOB, "baseModel", "suffix")
                .unknownIds("GET", JOBS + "/{}", List.of("not-a-job", "' OR '1'='1' --"))
                .malformedBodies("PUT", CHOICES, CHOICE)
                .fieldValues("PUT", CHOICES, CHOICE, "channel", List.of("<script>alert(1)</script>", "carrier pigeon"))
                .fieldValues("PUT", CHOICES, CHOICE, "brand", List.of("unknown-bank"))
                .missingFields("PUT", CHOICES, CHOICE, "model")
                .wrongTypes("PUT", CHOICES, CHOICE, "brand", "channel", "model")
                .queryValues("DELETE", CHOICES, "brand", List.of("unknown-bank"))
                .queryValues("DELETE", CHOICES, "channel", List.of("{{7*7}}"))
                .build();
    }

    @Override
    protected void assertServing() {
        CopyRequests.post(CopyRequests.request("sms", "en", CopyRequests.brief("Wealth Plus", "3.5% a year", null, null)))
                .statusCode(201);
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
