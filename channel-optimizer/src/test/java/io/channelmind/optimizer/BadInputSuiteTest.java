package io.channelmind.optimizer;

import static io.channelmind.web.testing.BadInputCases.NOT_UUIDS;
import static io.channelmind.web.testing.BadInputCases.PAST_LONG;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.channelmind.web.testing.BadInputCases;
import io.channelmind.web.testing.BadInputSuiteBase;
import io.channelmind.web.testing.BadRequest;
import io.quarkus.test.junit.QuarkusTest;

/** Sends malformed requests to every public endpoint of channel-optimizer and expects a 4xx problem for each. */
@QuarkusTest
class BadInputSuiteTest extends BadInputSuiteBase {

    private static final String PLANS = "/api/v1/plans";
    private static final String PLAN = "{\"name\":\"bad-input\",\"allocation\":{\"totalBudget\":1000,\"channels\":"
            + "[{\"channel\":\"email\",\"currentSpend\":100}]}}";
    private static final String FITS = "/api/v1/curve-fits";
    private static final String FIT = "{\"grain\":\"WEEKLY\",\"periods\":[\"2024-01-01\",\"2024-01-08\"],"
            + "\"outcome\":[10,12],\"spend\":{\"email\":[1,2]},\"trials\":100,\"bootstrapSamples\":10,\"seed\":1}";
    private static final String ATTRIBUTION = "/api/v1/attribution";
    private static final String JOURNEYS = "{\"journeys\":[{\"touchpoints\":[\"email\",\"sms\"],\"conversions\":1}],"
            + "\"markovOrder\":1,\"halfLife\":7,\"firstShare\":0.4,\"lastShare\":0.4}";
    private static final byte[] PATH_FILE = "path;total_conversions;total_conversion_value;total_null\nemail > sms;2;30;1\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final String MODELS = "/api/v1/response-models";
    private static final String TRAINING = "{\"l2\":1.0,\"holdoutShare\":0.2,\"sensitiveAttributes\":[\"job\"]}";

    @Override
    protected List<BadRequest> cases() {
        return BadInputCases.create()
                .malformedBodies("POST", PLANS, PLAN)
                .wrongTypes("POST", PLANS, PLAN, "name", "allocation")
                .missingFields("POST", PLANS, PLAN, "allocation")
                .fieldValues("POST", PLANS, PLAN, "allocation", List.of(
                        Map.of("totalBudget", -5, "channels", List.of(Map.of("channel", "email", "currentSpend", 1))),
                        Map.of("totalBudget", 1000, "channels", List.of()),
                        Map.of("totalBudget", 1000, "channels", List.of(Map.of("channel", "email")), "fitId", "x"),
                        Map.of("totalBudget", 1000, "channels", List.of(Map.of("channel", "email")), "goal", "WIN")))
                .malformedBodies("POST", FITS, FIT)
                .wrongTypes("POST", FITS, FIT, "grain", "periods", "outcome", "spend", "trials")
                .missingFields("POST", FITS, FIT, "grain", "periods", "outcome", "spend")
                .fieldValues("POST", FITS, FIT, "grain", List.of("HOURLY", "{{7*7}}"))
                .fieldValues("POST", FITS, FIT, "trials", List.of(-1, 1_000_000_000))
                .rawFieldValues("POST", FITS, FIT, "trials", List.of(PAST_LONG))
                .rawFieldValues("POST", FITS, FIT, "seed", List.of(PAST_LONG))
                .fieldValues("POST", FITS, FIT, "periods", List.of(List.of("not-a-date", "2024-01-08")))
                .fieldValues("POST", FITS, FIT, "adstock", List.of("${jndi:ldap://127.0.0.1:1/a}"))
                .malformedBodies("POST", ATTRIBUTION, JOURNEYS)
                .wrongTypes("POST", ATTRIBUTION, JOURNEYS, "journeys", "markovOrder", "halfLife")
                .missingFields("POST", ATTRIBUTION, JOURNEYS, "journeys")
                .fieldValues("POST", ATTRIBUTION, JOURNEYS, "markovOrder", List.of(0, 4, -1))
                .rawFieldValues("POST", ATTRIBUTION, JOURNEYS, "markovOrder", List.of(PAST_LONG))
                .fieldValues("POST", ATTRIBUTION, JOURNEYS, "models", List.of(List.of("UNKNOWN"), List.of("<script>")))
                .fieldValues("POST", ATTRIBUTION, JOURNEYS, "firstShare", List.of(-0.5, 2))
                .fieldValues("POST", ATTRIBUTION, JOURNEYS, "journeys", List.of(List.of(Map.of("conversions", 1))))
                .add("path file of binary bytes", "POST", ATTRIBUTION, "text/csv", new byte[] {0, 1, 2, (byte) 0xFF},
                        null)
                .add("empty path file", "POST", ATTRIBUTION, "text/csv", new byte[0], null)
                .add("path file with injection", "POST", ATTRIBUTION, "text/csv",
                        "path,conversions\n' OR '1'='1' --,{{7*7}}\n".getBytes(StandardCharsets.UTF_8), null)
                .add("markovOrder = abc", "POST", ATTRIBUTION + "?markovOrder=abc", "text/csv", PATH_FILE, "markovOrder")
                .add("markovOrder = 9", "POST", ATTRIBUTION + "?markovOrder=9", "text/csv", PATH_FILE, "markovOrder")
                .malformedBodies("POST", MODELS, TRAINING)
                .fieldValues("POST", MODELS, TRAINING, "holdoutShare", List.of(0, 0.9, -1))
                .fieldValues("POST", MODELS, TRAINING, "l2", List.of(-1))
                .wrongTypes("POST", MODELS, TRAINING, "l2", "holdoutShare", "sensitiveAttributes")
                .pathValues("GET", ATTRIBUTION + "/{}", "id", NOT_UUIDS)
                .pathValues("GET", FITS + "/{}", "id", List.of("not-a-uuid", "{{7*7}}"))
                .pathValues("GET", PLANS + "/{}", "id", List.of("not-a-uuid", "../../etc/passwd"))
                .pathValues("POST", PLANS + "/{}/accept", "id", List.of("not-a-uuid"))
                .pathValues("GET", PLANS + "/{}/chart.svg", "id", List.of("<script>alert(1)</script>"))
                .unknownIds("GET", MODELS + "/{}", List.of("not-a-version", "' OR '1'='1' --"))
                .queryValues("GET", PLANS + "/compare", "ids", List.of("not-a-uuid,also-not", "one"))
                .queryValues("GET", ATTRIBUTION, "limit", List.of("-1", "0", "abc", PAST_LONG))
                .queryValues("GET", PLANS, "limit", List.of("-5", "201"))
                .queryValues("GET", "/api/v1/recommendations/channel", "segment", List.of("", " "))
                // The segment and profile are looked up before the candidates, which only the channels
                // in the data can judge, so these problems name the segment or profile key.
                .add("unknown candidate", "GET", "/api/v1/recommendations/channel?segment=young-adults&candidates="
                        + BadInputCases.encode("<script>alert(1)</script>"), null, null, null)
                .queryValues("GET", "/api/v1/channels/performance/breakdown", "by", List.of("region", "{{7*7}}"))
                .queryValues("GET", "/api/v1/channels/performance/breakdown", "period", List.of("century"))
                .queryValues("GET", "/api/v1/channels/performance/breakdown", "from", List.of("2024-13-45", "yesterday"))
                .add("unknown profile and candidate", "GET", "/api/v1/recommendations/profiles/bad-input:a/channel"
                        + "?candidates=" + BadInputCases.encode("' OR '1'='1' --"), null, null, null)
                .queryValues("GET", FITS, "limit", List.of("-1"))
                .fieldValues("POST", PLANS, PLAN, "name", List.of("n".repeat(100_000)))
                .build();
    }

    @Override
    protected void assertServing() {
        when().get("/api/v1/stats").then().statusCode(200);
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
