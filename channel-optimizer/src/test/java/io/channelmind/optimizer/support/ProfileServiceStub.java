package io.channelmind.optimizer.support;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Starts WireMock on a free port of 127.0.0.1 as profile-service's interest export, in two pages
 * of {@link #PAGE_SIZE}. Profile {@code i} has the vector {@code [outdoor(i), 1 - outdoor(i)]}
 * over the labels {@code outdoor} and {@code kitchen}. Tests change the stubs through {@link #server()}.
 *
 * <p>NOTE: the static field works because Quarkus starts test resources in the JVM that runs the tests.
 */
public class ProfileServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String EXPORT = "/api/v1/profiles/interests";
    public static final String MODEL_VERSION = "stub-encoder;anchors=test";
    public static final List<String> LABELS = List.of("outdoor", "kitchen");
    public static final int PROFILES = 240;
    public static final int PAGE_SIZE = 120;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile WireMockServer server;

    /** Runs the application with the stub as profile-service and a short read timeout. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProfileServiceStub.class));
        }
    }

    public static WireMockServer server() {
        return server;
    }

    /** Returns the key of stub profile {@code i}, in the export's key order. */
    public static String profileKey(int i) {
        return String.format("interest-test:p-%03d", i);
    }

    /** Returns the outdoor share of profile {@code i}, spread over (0, 1) and unrelated to {@code i}'s parity. */
    public static double outdoor(int i) {
        return ((i * 37) % 100) / 100.0 + 0.005;
    }

    /** Removes every stub and adds the two pages of the export again. */
    public static void resetPages() {
        server.resetAll();
        server.stubFor(page(null));
        server.stubFor(page(profileKey(PAGE_SIZE - 1)));
    }

    /** Returns the stub of the page after {@code after} (null for the first), with its JSON body. */
    public static MappingBuilder page(String after) {
        int first = after == null ? 0 : PAGE_SIZE;
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (int i = first; i < Math.min(PROFILES, first + PAGE_SIZE); i++) {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("profileKey", profileKey(i));
            profile.put("vector", List.of(outdoor(i), 1.0 - outdoor(i)));
            profile.put("updatedAt", "2024-05-01T00:00:00Z");
            profiles.add(profile);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modelVersion", MODEL_VERSION);
        body.put("labels", LABELS);
        body.put("profiles", profiles);
        body.put("next", first + PAGE_SIZE < PROFILES ? profileKey(first + PAGE_SIZE - 1) : null);
        try {
            return get(urlPathEqualTo(EXPORT))
                    .withQueryParam("after", after == null ? absent() : equalTo(after))
                    .withQueryParam("limit", equalTo(Integer.toString(PAGE_SIZE)))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a stub page", e);
        }
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        resetPages();
        return Map.of(
                "channelmind.optimizer.profile-service.url", "http://127.0.0.1:" + server.port(),
                "channelmind.optimizer.profile-service.page-size", Integer.toString(PAGE_SIZE),
                "channelmind.optimizer.profile-service.read-timeout", "1s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
