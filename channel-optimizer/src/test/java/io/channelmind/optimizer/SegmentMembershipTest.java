package io.channelmind.optimizer;

import static io.channelmind.optimizer.TestEvents.membership;
import static io.channelmind.optimizer.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SegmentMembershipTest {

    @Test
    void membersEnterAndLeave() {
        String segment = unique("segment");
        String alice = unique("test:alice");
        String bob = unique("test:bob");
        String carol = unique("test:carol");

        TestEvents.sendMemberships(List.of(
                membership(segment, alice, true),
                membership(segment, bob, true),
                membership(segment, carol, true),
                membership(segment, bob, false)));

        awaitMembers(segment, 2);
    }

    @Test
    void leaveAndReenterInOneBatch() {
        String segment = unique("segment");
        String dave = unique("test:dave");
        String erin = unique("test:erin");

        TestEvents.sendMemberships(List.of(
                membership(segment, dave, true),
                membership(segment, dave, false),
                membership(segment, dave, true),
                membership(segment, erin, true),
                membership(segment, erin, false)));

        awaitMembers(segment, 1);
    }

    @Test
    void replayedMembershipAppliesOnce() {
        String segment = unique("segment");
        String frank = unique("test:frank");
        String marker = unique("test:marker");
        Map<String, Object> entered = membership(segment, frank, true);
        TestEvents.sendMemberships(List.of(entered, membership(segment, frank, false)));
        awaitMembers(segment, 0);

        // The topic has one partition, so the marker is applied after the replay.
        TestEvents.sendMemberships(List.of(entered, membership(segment, marker, true)));

        awaitMembers(segment, 1);
    }

    @Test
    void unknownSegmentHasNoMembers() {
        String segment = unique("never-published");

        given().get("/api/v1/segments/{name}", segment)
                .then().statusCode(200)
                .body("name", equalTo(segment))
                .body("members", equalTo(0));
    }

    private static void awaitMembers(String segment, int members) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/segments/{name}", segment)
                .then().statusCode(200)
                .body("members", equalTo(members)));
    }
}
