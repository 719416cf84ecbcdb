package io.channelmind.optimizer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Stored attribution runs and curve fits, plans from a stored fit, and the charts drawn from them. */
@QuarkusTest
class ChartApiTest {

    private static final String PATH_FILE = """
            path;total_conversions;total_conversion_value;total_null
            email > sms;2;30;1
            sms;0;0;4
            email > display > sms;1;10;0
            """;

    static Map<String, Object> history(String name) {
        Random random = new Random(3);
        int weeks = 60;
        List<String> periods = new ArrayList<>();
        double[] outcome = new double[weeks];
        double[] tv = new double[weeks];
        double[] search = new double[weeks];
        for (int t = 0; t < weeks; t++) {
            periods.add(LocalDate.of(2022, 1, 3).plusWeeks(t).toString());
            tv[t] = random.nextDouble() < 0.6 ? 1_000 + 500 * random.nextDouble() : 0;
            search[t] = 200 + 300 * random.nextDouble();
            outcome[t] = 10_000 + 2 * tv[t] + 3 * search[t] + 100 * random.nextGaussian();
        }
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("grain", "WEEKLY");
        body.put("periods", periods);
        body.put("outcome", outcome);
        body.put("spend", Map.of("tv", tv, "search", search));
        body.put("trials", 60);
        body.put("bootstrapSamples", 5);
        return body;
    }

    static String createFit(String name) {
        return given().contentType(ContentType.JSON).body(history(name)).post("/api/v1/curve-fits")
                .then().statusCode(200)
                .body("id", notNullValue())
                .body("name", equalTo(name))
                .body("channels.find { it.channel == 'tv' }.responseCurve.maxResponse", notNullValue())
                .extract().path("id");
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(Document document, String element, String dataAttribute) {
        NodeList nodes = document.getElementsByTagNameNS("*", element);
        int count = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            if (((Element) nodes.item(i)).hasAttribute("data-" + dataAttribute)) {
                count++;
            }
        }
        return count;
    }

    @Test
    void attributionRunStoredAndDrawn() throws Exception {
        String id = given().contentType("text/csv").body(PATH_FILE)
                .queryParam("models", "LAST_TOUCH,LINEAR,MARKOV").queryParam("name", "spring <test>")
                .post("/api/v1/attribution")
                .then().statusCode(200)
                .body("id", notNullValue())
                .extract().path("id");

        given().get("/api/v1/attribution/" + id).then().statusCode(200)
                .body("name", equalTo("spring <test>"))
                .body("journeys", equalTo(3))
                .body("results.model", equalTo(List.of("LAST_TOUCH", "LINEAR", "MARKOV")));
        given().get("/api/v1/attribution").then().statusCode(200).body("id", hasItem(id));

        String svg = given().queryParam("lang", "zh-CN").queryParam("measure", "value")
                .get("/api/v1/attribution/" + id + "/chart.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        Document chart = parse(svg);
        assertEquals(9, count(chart, "rect", "model"), "3 channels x 3 models");
        assertTrue(svg.contains("马尔可夫链"), svg);
        assertTrue(svg.contains("归因转化价值"), svg);
    }

    @Test
    void chartParametersChecked() {
        String id = given().contentType("text/csv").body(PATH_FILE).post("/api/v1/attribution")
                .then().statusCode(200).extract().path("id");

        given().queryParam("lang", "fr").get("/api/v1/attribution/" + id + "/chart.svg")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("lang"))
                .body("errors[0].value", equalTo("fr"));
        given().queryParam("measure", "clicks").get("/api/v1/attribution/" + id + "/chart.svg")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("measure"));
        given().get("/api/v1/attribution/00000000-0000-0000-0000-000000000000/chart.svg")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:attribution-run-not-found"));
        given().get("/api/v1/curve-fits/not-a-uuid")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().queryParam("limit", 0).get("/api/v1/plans")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void curveFitStoredAndDrawn() throws Exception {
        String id = createFit("weekly tv and search");

        given().get("/api/v1/curve-fits/" + id).then().statusCode(200)
                .body("name", equalTo("weekly tv and search"))
                .body("channels.channel", hasItem("search"));
        given().get("/api/v1/curve-fits").then().statusCode(200).body("id", hasItem(id));

        Document chart = parse(given().get("/api/v1/curve-fits/" + id + "/curves.svg")
                .then().statusCode(200).contentType("image/svg+xml").extract().asString());
        assertEquals(2, count(chart, "g", "channel"));
        assertEquals(2, count(chart, "circle", "mark"), "the mean spend of each channel, no plan");
    }

    @Test
    void planUsesStoredFit() throws Exception {
        String fitId = createFit("for a plan");
        double tvMax = ((Number) given().get("/api/v1/curve-fits/" + fitId).then().extract()
                .path("channels.find { it.channel == 'tv' }.responseCurve.maxResponse")).doubleValue();
        Map<String, Object> body = Map.of("name", "from fit", "allocation", Map.of(
                "totalBudget", 1500,
                "fitId", fitId,
                "channels", List.of(
                        Map.of("channel", "tv", "currentSpend", 900),
                        Map.of("channel", "search", "currentSpend", 350),
                        Map.of("channel", "print", "currentSpend", 100, "locked", true,
                                "curve", Map.of("maxResponse", 300, "halfSaturation", 200, "shape", 1.0)))));

        String planId = given().contentType(ContentType.JSON).body(body).post("/api/v1/plans")
                .then().statusCode(201)
                .body("request.fitId", equalTo(fitId))
                .body("request.channels.find { it.channel == 'tv' }.curve.maxResponse",
                        equalTo((float) tvMax))
                .body("request.channels.find { it.channel == 'tv' }.historyMaxSpend", notNullValue())
                .body("request.channels.find { it.channel == 'print' }.curve.maxResponse", equalTo(300.0f))
                .body("plan.channels.find { it.channel == 'print' }.proposedSpend", equalTo(100.0f))
                .extract().path("id");

        Document curves = parse(given().queryParam("lang", "zh-CN").get("/api/v1/plans/" + planId + "/curves.svg")
                .then().statusCode(200).extract().asString());
        assertEquals(3, count(curves, "g", "channel"));
        assertEquals(6, count(curves, "circle", "mark"), "current and proposed spend of 3 channels");
        Document bars = parse(given().queryParam("lang", "zh-CN").get("/api/v1/plans/" + planId + "/chart.svg")
                .then().statusCode(200).extract().asString());
        assertEquals(6, count(bars, "rect", "series"));
        assertEquals("zh-CN", bars.getDocumentElement().getAttribute("xml:lang"));
        given().get("/api/v1/plans").then().statusCode(200).body("id", hasItem(planId));
    }

    @Test
    void planFitErrorsNamed() {
        String fitId = createFit("errors");
        Map<String, Object> unknownChannel = Map.of("allocation", Map.of(
                "totalBudget", 1000, "fitId", fitId,
                "channels", List.of(Map.of("channel", "tv", "currentSpend", 500),
                        Map.of("channel", "radio", "currentSpend", 500))));
        given().contentType(ContentType.JSON).body(unknownChannel).post("/api/v1/plans")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("allocation.channels[1].channel"))
                .body("errors[0].value", equalTo("radio"));

        Map<String, Object> unknownFit = Map.of("allocation", Map.of(
                "totalBudget", 1000, "fitId", "00000000-0000-0000-0000-000000000001",
                "channels", List.of(Map.of("channel", "tv", "currentSpend", 500))));
        given().contentType(ContentType.JSON).body(unknownFit).post("/api/v1/plans")
                .then().statusCode(404)
                .body("type", equalTo("urn:channelmind:problem:curve-fit-not-found"))
                .body("errors[0].field", equalTo("allocation.fitId"));
    }
}
