package io.channelmind.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Stubs the APIs of profile-service, content-service and channel-optimizer on the WireMock server. */
public final class DependencyStubs {

    public static final String SUBJECT = "{{firstName}}, your Savings Plus offer";
    public static final String BODY = "Hello {{firstName}},\n\nOpen Savings Plus and get 2% bonus interest.\n\n"
            + "Unsubscribe: {{unsubscribeUrl}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DependencyStubs() {
    }

    /** Builds a segment member; null values are sent as JSON null. */
    public static Map<String, Object> member(String profileKey, String email, String phone, String firstName,
            Map<String, Boolean> consent) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("profileKey", profileKey);
        member.put("email", email);
        member.put("phone", phone);
        member.put("firstName", firstName);
        member.put("locale", "en");
        member.put("timeZone", "Europe/Lisbon");
        member.put("consent", consent);
        return member;
    }

    /** Stubs the segment and its members, in pages of the configured page size chained by profile key. */
    public static void segment(String name, List<Map<String, Object>> members) {
        int pageSize = ConfigProvider.getConfig().getValue("automation.audience.page-size", Integer.class);
        segment(WireMockResource.server(), pageSize, name, members);
    }

    /** Stubs the segment on {@code server}, for an application that reads pages of {@code pageSize} members. */
    public static void segment(WireMockServer server, int pageSize, String name, List<Map<String, Object>> members) {
        server.stubFor(get(urlPathEqualTo("/api/v1/segments/" + name))
                .willReturn(json(200, Map.of("name", name, "rule", "conversions = 0", "description", "test segment",
                        "size", members.size()))));

        int pages = Math.max(1, (members.size() + pageSize - 1) / pageSize);
        String after = null;
        for (int index = 0; index < pages; index++) {
            List<Map<String, Object>> page = members.subList(index * pageSize, Math.min((index + 1) * pageSize, members.size()));
            String next = index == pages - 1 ? null : (String) page.get(page.size() - 1).get("profileKey");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("segment", name);
            body.put("members", new ArrayList<>(page));
            body.put("next", next);
            server.stubFor(get(urlPathEqualTo("/api/v1/segments/" + name + "/members"))
                    .withQueryParam("limit", equalTo(String.valueOf(pageSize)))
                    .withQueryParam("after", after == null ? absent() : equalTo(after))
                    .willReturn(json(200, body)));
            after = next;
        }
    }

    public static void recommendation(String segment, String channel, String reason) {
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/recommendations/channel"))
                .withQueryParam("segment", equalTo(segment))
                .willReturn(json(200, Map.of("segment", segment, "channel", channel, "reason", reason,
                        "segmentMembers", 7, "considered", List.of()))));
    }

    /** Stubs channel-optimizer's recommendation for one profile, whatever the candidates. */
    public static void profileRecommendation(String profileKey, String channel) {
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/recommendations/profiles/" + profileKey + "/channel"))
                .willReturn(json(200, Map.of("profileKey", profileKey, "channel", channel, "decision", "exploit",
                        "reason", "test recommendation"))));
    }

    /** Builds a stored content-service variant as GET /api/v1/copy lists it. */
    public static Map<String, Object> variant(String copyId, String channel, String subject, String body,
            boolean approved) {
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("copyId", copyId);
        variant.put("generator", "template");
        variant.put("channel", channel);
        variant.put("locale", "en");
        variant.put("subject", subject);
        variant.put("body", body);
        variant.put("placeholders", List.of("firstName"));
        variant.put("approved", approved);
        return variant;
    }

    /** Stubs the variants that content-service lists for a campaign and channel. */
    public static void variants(String campaign, String channel, List<Map<String, Object>> variants) {
        WireMockResource.server().stubFor(get(urlPathEqualTo("/api/v1/copy"))
                .withQueryParam("campaign", equalTo(campaign))
                .withQueryParam("channel", equalTo(channel))
                .willReturn(json(200, variants)));
    }

    public static void copy(String segment, String channel, String copyId) {
        copy(segment, channel, copyId, BODY);
    }

    /** Stubs the copy of the segment with another body, which may contain placeholders and URLs. */
    public static void copy(String segment, String channel, String copyId, String text) {
        copy(WireMockResource.server(), segment, channel, copyId, text);
    }

    /** Stubs the copy of the segment on {@code server}. */
    public static void copy(WireMockServer server, String segment, String channel, String copyId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("copyId", copyId);
        body.put("generator", "template");
        body.put("model", null);
        body.put("channel", channel);
        body.put("locale", "en");
        body.put("subject", "email".equals(channel) ? SUBJECT : null);
        body.put("body", text);
        body.put("placeholders", List.of("firstName", "unsubscribeUrl"));
        body.put("warnings", List.of());
        server.stubFor(post(urlPathEqualTo("/api/v1/copy"))
                .withRequestBody(matchingJsonPath("$.segment", equalTo(segment)))
                .willReturn(json(201, body)));
    }

    public static void copyFailure(String segment, Map<String, Object> problem) {
        WireMockResource.server().stubFor(post(urlPathEqualTo("/api/v1/copy"))
                .withRequestBody(matchingJsonPath("$.segment", equalTo(segment)))
                .willReturn(aResponse().withStatus((Integer) problem.get("status"))
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(write(problem))));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(write(body));
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
