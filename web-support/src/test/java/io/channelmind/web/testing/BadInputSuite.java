package io.channelmind.web.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Sends the requests of a bad-input suite to the running service and checks that each gets a
 * 4xx response with RFC 9457 problem details, never a 5xx.
 */
public final class BadInputSuite {

    private static final String PROBLEM_TYPE = "application/problem+json";

    private BadInputSuite() {
    }

    /** Returns one dynamic test per request, named after what is wrong with it. */
    public static Stream<DynamicTest> tests(List<BadRequest> requests) {
        return requests.stream().map(request -> DynamicTest.dynamicTest(request.toString(),
                () -> assertRejected(request)));
    }

    /**
     * Sends the request and asserts a 4xx problem document whose {@code status} matches the
     * response and, where the request names a field, whose {@code errors} name it.
     */
    public static void assertRejected(BadRequest request) {
        Response response = send(request);
        int status = response.statusCode();
        String body = response.asString();

        assertTrue(status >= 400 && status < 500, () -> request + " returned " + status + ", expected 4xx: "
                + shorten(body));
        String contentType = response.contentType();
        assertNotNull(contentType, () -> request + " returned no Content-Type: " + shorten(body));
        assertTrue(contentType.startsWith(PROBLEM_TYPE), () -> request + " returned " + contentType
                + ", expected " + PROBLEM_TYPE + ": " + shorten(body));

        JsonPath problem = response.jsonPath();
        assertEquals(status, problem.getInt("status"), () -> request + ": the problem's status differs: " + body);
        assertTrue(problem.getString("type").startsWith("urn:channelmind:problem:"),
                () -> request + ": the problem has no ChannelMind type: " + body);
        if (request.field() != null) {
            List<String> fields = problem.getList("errors.field", String.class);
            if (fields == null || fields.stream().noneMatch(field -> field != null
                    && field.contains(request.field()))) {
                fail(request + ": the problem does not name the field '" + request.field() + "' in errors[].field: "
                        + shorten(body));
            }
        }
    }

    /**
     * Sends a JSON body of {@code bytes} bytes without {@code Content-Length} (chunked) and
     * asserts a 413 problem that names the limit. REST Assured always sends a length, so this
     * uses the JDK client.
     */
    public static void assertChunkedBodyRejected(String path, int bytes, Map<String, String> headers) throws Exception {
        byte[] body = ("{\"name\":\"" + "a".repeat(bytes - 12) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        headers.forEach(request::header);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode(), () -> "chunked body of " + bytes + " bytes to " + path + ": "
                + shorten(response.body()));
        assertEquals(PROBLEM_TYPE, response.headers().firstValue("Content-Type").orElse(null),
                "Content-Type of the 413 response");
        assertTrue(response.body().contains("urn:channelmind:problem:body-too-large"), response.body());
        assertTrue(response.body().contains("body-size"), "the problem names the limit: " + response.body());
    }

    private static Response send(BadRequest request) {
        // RestAssured would append "; charset=ISO-8859-1" to a Content-Type without one.
        RequestSpecification spec = given()
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .urlEncodingEnabled(false)
                .headers(request.headers());
        if (request.contentType() != null) {
            spec.contentType(request.contentType());
        }
        if (request.body() != null) {
            spec.body(request.body());
        }
        return spec.request(request.method(), request.target());
    }

    private static String shorten(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
