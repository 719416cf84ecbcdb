package io.channelmind.automation;

import static io.channelmind.automation.DependencyStubs.member;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.channelmind.automation.client.MailConnector;
import io.channelmind.automation.connector.TokenBucket;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;

@QuarkusTest
class BudgetPlanTest {

    private static final String PLANS = "/api/v1/budget-plans";

    @Inject
    DataSource dataSource;

    @Inject
    ReactiveMailer mailer;

    /** Removes the plans and spend, so campaigns of other test classes run without a budget. */
    @AfterEach
    void removePlans() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from budget_plan");
            statement.executeUpdate("delete from budget_spend");
        }
    }

    private static void publish(String key, String payload) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>("cm.budget-plans", key, payload)).get();
        }
    }

    /** Returns a plan in channel-optimizer's schema-version-1 format, accepted now. */
    private static String plan(UUID planId, String emailBudget) {
        return """
                {"schemaVersion": 1, "eventId": "%1$s", "planId": "%1$s", "name": "test plan", "goal": "MAX_OUTCOME",
                 "target": null, "totalBudget": 10.0, "plannedSpend": 10.0, "expectedOutcome": 42.0,
                 "acceptedAt": "%2$s",
                 "channels": [{"channel": "email", "currentSpend": 1.0, "proposedSpend": %3$s, "expectedOutcome": 12.0},
                              {"channel": "sms", "currentSpend": 5.0, "proposedSpend": 9.97, "expectedOutcome": 30.0}]}
                """.formatted(planId, Instant.now().truncatedTo(ChronoUnit.MILLIS), emailBudget);
    }

    private static JsonPath awaitActivePlan(UUID planId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get(PLANS + "/active").then().extract().jsonPath(),
                        plan -> planId.toString().equals(plan.getString("planId")));
    }

    @Test
    void planLimitsRecommendedChannel() throws Exception {
        UUID planId = UUID.randomUUID();
        publish("broken", "{not json");
        publish(planId.toString(), plan(planId, "0.03"));
        publish(planId.toString(), plan(planId, "0.03"));
        JsonPath received = awaitActivePlan(planId);

        DependencyStubs.segment("budget", List.of(
                member("t:budget-1", "ana@budget.example", null, "Ana", Map.of("email", true)),
                member("t:budget-2", "bruno@budget.example", null, "Bruno", Map.of("email", true)),
                member("t:budget-3", "carla@budget.example", null, "Carla", Map.of("email", true)),
                member("t:budget-4", "dora@budget.example", null, "Dora", Map.of("email", true)),
                member("t:budget-5", "eva@budget.example", null, "Eva", Map.of("email", true))));
        DependencyStubs.recommendation("budget", "email", "email converts best for this segment.");
        DependencyStubs.copy("budget", "email", "copy-budget");
        String recommended = CampaignApi.create("budget", null);
        CampaignApi.launch(recommended);
        JsonPath first = CampaignApi.awaitFinished(recommended);
        CampaignApi.launch(recommended);
        JsonPath relaunched = CampaignApi.awaitFinished(recommended);
        JsonPath spend = given().when().get(PLANS + "/active").then().statusCode(200).extract().jsonPath();

        DependencyStubs.segment("budget-fixed", List.of(
                member("t:budget-fixed-1", "ana@budget-fixed.example", null, "Ana", Map.of("email", true)),
                member("t:budget-fixed-2", "bruno@budget-fixed.example", null, "Bruno", Map.of("email", true))));
        DependencyStubs.copy("budget-fixed", "email", "copy-budget-fixed");
        JsonPath fixed = CampaignApi.run("budget-fixed", "email");

        assertEquals("test plan", received.getString("name"));
        assertEquals(0.03f, received.getFloat("channels.find { it.channel == 'email' }.budget"));
        assertEquals(1, given().when().get(PLANS).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.planId == '" + planId + "' }").size());
        assertEquals("completed", first.getString("status"));
        assertEquals(3, first.getInt("counts.sent"));
        assertEquals(Map.of("budget_exhausted", 2), first.getMap("counts.skipped"));
        // Campaign counts add up over launches. Members that already have a send of this step
        // are not counted again, and duplicates are profiles that share an address.
        assertEquals(3, relaunched.getInt("counts.sent"));
        assertEquals(0, relaunched.getInt("counts.duplicates"));
        assertEquals(Map.of("budget_exhausted", 2), relaunched.getMap("counts.skipped"));
        assertEquals(0.03f, spend.getFloat("channels.find { it.channel == 'email' }.spent"));
        assertEquals(3, spend.getInt("channels.find { it.channel == 'email' }.messages"));
        assertEquals(0.0f, spend.getFloat("channels.find { it.channel == 'email' }.remaining"));
        assertEquals(0.01f, spend.getFloat("channels.find { it.channel == 'email' }.costPerMessage"));
        assertEquals(2, fixed.getInt("counts.sent"));
        assertEquals(3, Mailbox.forDomain("budget.example").size());
    }

    @Test
    void failedSendsReleaseBudget() throws Exception {
        UUID planId = UUID.randomUUID();
        publish(planId.toString(), plan(planId, "0.04"));
        awaitActivePlan(planId);
        // The SMTP server would accept every message, so this connector fails the sends to one domain.
        QuarkusMock.installMockForType(new MailConnector(mailer, (TokenBucket) null) {
            @Override
            public Uni<Void> send(OutgoingMail outgoing) {
                return outgoing.to().endsWith("@release-failing.example")
                        ? Uni.createFrom().failure(new IllegalStateException("451 4.3.0 test failure"))
                        : super.send(outgoing);
            }
        }, MailConnector.class);

        DependencyStubs.segment("release", List.of(
                member("t:release-1", "ana@release.example", null, "Ana", Map.of("email", true)),
                member("t:release-2", "bruno@release-failing.example", null, "Bruno", Map.of("email", true)),
                member("t:release-3", "carla@release.example", null, "Carla", Map.of("email", true)),
                member("t:release-4", "dora@release-failing.example", null, "Dora", Map.of("email", true))));
        DependencyStubs.recommendation("release", "email", "email converts best for this segment.");
        DependencyStubs.copy("release", "email", "copy-release");
        String campaign = CampaignApi.create("release", null);
        CampaignApi.launch(campaign);
        JsonPath finished = CampaignApi.awaitFinished(campaign);
        JsonPath spend = given().when().get(PLANS + "/active").then().statusCode(200).extract().jsonPath();

        assertEquals("completed", finished.getString("status"));
        assertEquals(2, finished.getInt("counts.sent"));
        assertEquals(2, finished.getInt("counts.failed"));
        assertEquals(Map.of(), finished.getMap("counts.skipped"));
        assertEquals(0.02f, spend.getFloat("channels.find { it.channel == 'email' }.spent"));
        assertEquals(2, spend.getInt("channels.find { it.channel == 'email' }.messages"));
        assertEquals(0.02f, spend.getFloat("channels.find { it.channel == 'email' }.remaining"));
        assertEquals(2, Mailbox.forDomain("release.example").size());
    }

    @Test
    void noPlanMeansNotFound() {
        given().when().get(PLANS + "/active")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:channelmind:problem:budget-plan-not-found"));
    }
}
