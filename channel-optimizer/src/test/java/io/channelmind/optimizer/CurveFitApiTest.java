package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CurveFitApiTest {

    private static Map<String, Object> history(int weeks, String firstPeriod) {
        Random random = new Random(1);
        List<String> periods = new ArrayList<>();
        double[] outcome = new double[weeks];
        double[] tv = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            periods.add(LocalDate.of(2022, 1, 3).plusWeeks(t).toString());
            tv[t] = random.nextDouble() < 0.6 ? 1_000 + 500 * random.nextDouble() : 0;
            outcome[t] = 10_000 + 2 * tv[t] + 100 * random.nextGaussian();
        }
        periods.set(0, firstPeriod);
        Map<String, Object> body = new HashMap<>();
        body.put("grain", "WEEKLY");
        body.put("periods", periods);
        body.put("outcome", outcome);
        body.put("spend", Map.of("tv", tv));
        body.put("trials", 100);
        body.put("bootstrapSamples", 10);
        return body;
    }

    @Test
    void fitReturnsChannelCurves() {
        given().contentType(ContentType.JSON).body(history(60, "2022-01-03")).post("/api/v1/curve-fits")
                .then().statusCode(200)
                .body("channels", hasSize(1))
                .body("channels[0].channel", equalTo("tv"))
                .body("channels[0].roi", greaterThan(0f))
                .body("rSquaredTrain", greaterThan(0.5f));
    }

    @Test
    void badHistoryNamesRule() {
        given().contentType(ContentType.JSON).body(history(60, "03/01/2022")).post("/api/v1/curve-fits")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("rule", equalTo("date-format"))
                .body("errors[0].field", equalTo("periods[0]"))
                .body("errors[0].value", equalTo("03/01/2022"));
        given().contentType(ContentType.JSON).body(history(10, "2022-01-03")).post("/api/v1/curve-fits")
                .then().statusCode(400)
                .body("rule", equalTo("too-little-history"));
    }
}
