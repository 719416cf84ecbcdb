package io.channelmind.automation.feedback;

import static io.channelmind.automation.DependencyStubs.member;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.CampaignApi;
import io.channelmind.automation.DeliveryEvents;
import io.channelmind.automation.DependencyStubs;
import io.channelmind.automation.RejectingSmtpServer;
import io.channelmind.automation.service.SendKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A hard bounce end to end: the SMTP server rejects a recipient with 550 during the session, the
 * campaign records the send as failed, puts the address on the do-not-contact list and publishes
 * {@code bounced}, and a later campaign skips the address with the reason {@code hard bounce}
 * without offering it to the server again.
 */
@QuarkusTest
@TestProfile(HardBounceTest.RejectingMailServer.class)
class HardBounceTest {

    /** Sends mail to {@link RejectingSmtpServer} in place of GreenMail. */
    public static class RejectingMailServer implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RejectingSmtpServer.class));
        }
    }

    private static final String GONE = "gone@" + RejectingSmtpServer.REJECTED_DOMAIN;
    private static final String KEPT = "ana@kept.example";

    @Inject
    Pool pool;

    @Test
    void bouncedAddressSkippedLater() throws Exception {
        DependencyStubs.segment("bounce-path", List.of(
                member("t:gone", GONE, null, "Gus", Map.of("email", true)),
                member("t:kept", KEPT, null, "Ana", Map.of("email", true))));
        DependencyStubs.copy("bounce-path", "email", "copy-bounce-path");

        JsonPath first = CampaignApi.run("bounce-path", "email");
        List<DeliveryEvents.Delivery> events = DeliveryEvents.awaitCount(first.getString("id"), 2);
        JsonPath second = CampaignApi.run("bounce-path", "email");

        assertEquals("completed", first.getString("status"));
        assertEquals(1, first.getInt("counts.sent"));
        assertEquals(1, first.getInt("counts.failed"));
        assertEquals(List.of("bounced", "delivered"), events.stream()
                .map(event -> (String) event.value().get("status")).sorted().toList());
        assertEquals("hard-bounce", blockReason(GONE));

        assertEquals("completed", second.getString("status"));
        assertEquals(1, second.getInt("counts.sent"));
        assertEquals(Map.of("hard bounce", 1), second.getMap("counts.skipped"));
        assertEquals(1, RejectingSmtpServer.recipients().stream().filter(GONE::equals).count());
        assertEquals(2, RejectingSmtpServer.recipients().stream().filter(KEPT::equals).count());
    }

    private String blockReason(String address) {
        var rows = pool.preparedQuery("select reason from do_not_contact where address_hash = $1 and channel = 'email'")
                .execute(Tuple.of(SendKeys.addressHash(address))).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("reason");
    }
}
