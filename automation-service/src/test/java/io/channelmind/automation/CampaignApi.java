package io.channelmind.automation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Calls the campaign REST API of the application under test. */
public final class CampaignApi {

    private static final Set<String> FINISHED = Set.of("completed", "failed");

    private CampaignApi() {
    }

    public static Map<String, Object> brief() {
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("product", "Savings Plus");
        brief.put("offer", "2% bonus interest for three months");
        brief.put("callToAction", "Open an account");
        brief.put("url", "https://bank.example/savings-plus");
        return brief;
    }

    public static Map<String, Object> request(String segment, String channel) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", "Savings Plus for " + segment);
        request.put("segment", segment);
        request.put("channel", channel);
        request.put("locale", "en");
        request.put("brief", brief());
        return request;
    }

    /** Creates a campaign and returns its id. */
    public static String create(String segment, String channel) {
        return given().contentType(ContentType.JSON).body(request(segment, channel))
                .when().post("/api/v1/campaigns")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static void launch(String id) {
        given().when().post("/api/v1/campaigns/" + id + "/launch").then().statusCode(202);
    }

    public static JsonPath get(String id) {
        return given().when().get("/api/v1/campaigns/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the campaign is completed or failed and returns it. */
    public static JsonPath awaitFinished(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get(id), campaign -> FINISHED.contains(campaign.getString("status")));
    }

    /** Creates and launches a campaign, waits until it finished and returns it. */
    public static JsonPath run(String segment, String channel) {
        String id = create(segment, channel);
        launch(id);
        return awaitFinished(id);
    }
}
