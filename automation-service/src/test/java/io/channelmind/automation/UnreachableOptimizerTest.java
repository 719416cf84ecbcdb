package io.channelmind.automation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.stack.infra.FreePorts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestProfile(UnreachableOptimizerTest.UnreachableOptimizer.class)
class UnreachableOptimizerTest {

    /** Points the channel-optimizer client at a port of 127.0.0.1 where nothing listens. */
    public static class UnreachableOptimizer implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.channel-optimizer.url", "http://127.0.0.1:" + FreePorts.find());
        }
    }

    @Test
    void unreachableOptimizerRetriedThenFails() {
        DependencyStubs.segment("unreachable", List.of());

        JsonPath campaign = CampaignApi.run("unreachable", null);

        String error = campaign.getString("error");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals("failed", campaign.getString("status"));
        assertTrue(error.startsWith("channel-optimizer is unreachable for GET /api/v1/recommendations/channel?segment=unreachable"),
                error);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("ft_retry_retries_total")
                && line.contains("recommendChannel") && line.endsWith(" 2.0")), "no retry count of 2 in /q/metrics");
    }
}
