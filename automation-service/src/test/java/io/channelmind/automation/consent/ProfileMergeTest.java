package io.channelmind.automation.consent;

import static io.channelmind.automation.ConsentChanges.clearMark;
import static io.channelmind.automation.ConsentChanges.consent;
import static io.channelmind.automation.ConsentChanges.manualMark;
import static io.channelmind.automation.ConsentChanges.merge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.channelmind.automation.ConsentChanges;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * cm.profile-merged makes the consent rules of the survivor read the merged profile's consent
 * changes, whichever arrives first, and a replayed merge changes nothing.
 */
@QuarkusTest
class ProfileMergeTest {

    private static final Instant T1 = Instant.parse("2030-03-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant MERGED_AT = T1.plusSeconds(120);
    private static final Instant T3 = T1.plusSeconds(180);

    @Inject
    Pool pool;

    @Inject
    ConsentRules rules;

    @Inject
    ConsentStates states;

    private String run;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String key(String name) {
        return "merge-test:" + name + "-" + run;
    }

    private String check(String profileKey, String channel, String purpose) {
        return rules.check(profileKey, channel, purpose).await().indefinitely();
    }

    private long mergeRows(String profileKey) {
        return pool.preparedQuery("select count(*) from profile_merge where profile_key = $1")
                .execute(Tuple.of(profileKey)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void markOfMergedProfileStopsSurvivor() {
        String survivor = key("survivor");
        String merged = key("merged");
        ConsentChanges.publishAndAwait(pool, manualMark(merged, T1));
        // The survivor's clear is older than the merge, so it cannot have meant the merged mark.
        ConsentChanges.publishAndAwait(pool, clearMark(survivor, T2));

        ConsentChanges.publishMergesAndAwait(pool, merge(survivor, merged, MERGED_AT));

        assertEquals("do-not-contact (manual)", check(survivor, "email", "marketing"));
        assertEquals("do-not-contact (manual)", check(merged, "email", "marketing"));
    }

    @Test
    void clearAfterMergeLiftsMergedMark() {
        String survivor = key("survivor");
        String merged = key("merged");
        ConsentChanges.publishAndAwait(pool, manualMark(merged, T1));
        ConsentChanges.publishMergesAndAwait(pool, merge(survivor, merged, MERGED_AT));

        ConsentChanges.publishAndAwait(pool, clearMark(survivor, T3));

        assertNull(check(survivor, "email", "marketing"));
        assertNull(check(merged, "email", "marketing"));
    }

    @Test
    void mergedClearKeepsSurvivorMark() {
        String survivor = key("survivor");
        String merged = key("merged");
        ConsentChanges.publishAndAwait(pool, manualMark(survivor, T1));
        ConsentChanges.publishAndAwait(pool, clearMark(merged, T2));

        ConsentChanges.publishMergesAndAwait(pool, merge(survivor, merged, MERGED_AT));

        assertEquals("do-not-contact (manual)", check(survivor, "email", "marketing"));
    }

    @Test
    void newerPurposeStateWins() {
        String survivor = key("survivor");
        String merged = key("merged");
        ConsentChanges.publishAndAwait(pool,
                consent(survivor, "email", "marketing", "confirmed", T1),
                consent(survivor, "sms", "marketing", "withdrawn", T2));
        ConsentChanges.publishAndAwait(pool,
                consent(merged, "email", "marketing", "withdrawn", T2),
                consent(merged, "sms", "marketing", "confirmed", T1),
                consent(merged, "email", "transactional", "pending", T1));

        ConsentChanges.publishMergesAndAwait(pool, merge(survivor, merged, MERGED_AT));

        assertEquals("consent withdrawn (marketing)", check(survivor, "email", "marketing"));
        assertEquals("consent withdrawn (marketing)", check(survivor, "sms", "marketing"));
        assertEquals("consent pending (transactional)", check(survivor, "email", "transactional"));
    }

    @Test
    void withdrawalWinsAtEqualTimes() {
        String survivor = key("survivor");
        String merged = key("merged");
        ConsentChanges.publishAndAwait(pool, consent(survivor, "email", "marketing", "confirmed", T1));
        ConsentChanges.publishAndAwait(pool, consent(merged, "email", "marketing", "withdrawn", T1));

        ConsentChanges.publishMergesAndAwait(pool, merge(survivor, merged, MERGED_AT));

        assertEquals("consent withdrawn (marketing)", check(survivor, "email", "marketing"));
    }

    /** The same events give the same decisions whether the merge arrives first or last. */
    @Test
    void mergeBeforeChangesGivesSameResult() {
        String[] decisions = new String[2];
        for (int order = 0; order < 2; order++) {
            String survivor = key("survivor" + order);
            String merged = key("merged" + order);
            Map<String, Object> mergeEvent = merge(survivor, merged, MERGED_AT);
            Map<String, Object>[] changes = changes(survivor, merged);
            if (order == 0) {
                ConsentChanges.publishMergesAndAwait(pool, mergeEvent);
                publishEach(changes);
            } else {
                publishEach(changes);
                ConsentChanges.publishMergesAndAwait(pool, mergeEvent);
            }
            ConsentStates.State state = states.lookup(survivor, ConsentRules.Channels.of("sms"), "transactional")
                    .await().indefinitely();
            decisions[order] = state.doNotContactReason() + " / " + state.consent();
        }

        assertEquals("manual / withdrawn", decisions[0]);
        assertEquals(decisions[0], decisions[1]);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object>[] changes(String survivor, String merged) {
        return new Map[] {
                manualMark(merged, T1),
                clearMark(survivor, T2),
                consent(survivor, "sms", "transactional", "confirmed", T1),
                consent(merged, "sms", "transactional", "withdrawn", T2) };
    }

    private void publishEach(Map<String, Object>[] changes) {
        for (Map<String, Object> change : changes) {
            ConsentChanges.publishAndAwait(pool, change);
        }
    }

    /** Chain links that arrive out of order still connect the first key to the last survivor. */
    @Test
    void chainOutOfOrderReachesLastSurvivor() {
        String first = key("a");
        String middle = key("b");
        String last = key("c");
        ConsentChanges.publishAndAwait(pool, manualMark(first, T1));

        ConsentChanges.publishMergesAndAwait(pool, merge(last, middle, MERGED_AT.plusSeconds(10)));
        ConsentChanges.publishMergesAndAwait(pool, merge(middle, first, MERGED_AT));

        assertEquals("do-not-contact (manual)", check(last, "email", "marketing"));
        assertEquals(2, mergeRows(first));
        assertEquals(1, mergeRows(middle));
        Instant joined = pool.preparedQuery("select joined_at from profile_merge where profile_key = $1 and survivor_key = $2")
                .execute(Tuple.of(first, last)).await().indefinitely().iterator().next()
                .getOffsetDateTime(0).toInstant();
        assertEquals(MERGED_AT.plusSeconds(10), joined);
    }

    @Test
    void replayedMergeAddsNothing() {
        String survivor = key("survivor");
        String merged = key("merged");
        Map<String, Object> mergeEvent = merge(survivor, merged, MERGED_AT);
        ConsentChanges.publishMergesAndAwait(pool, mergeEvent);

        // A cycle back to the merged key is skipped. Each marker merge shares the record key of the
        // message before it, so it shows that message was consumed.
        ConsentChanges.publishMergesAndAwait(pool, mergeEvent, merge(survivor, key("marker1"), MERGED_AT));
        ConsentChanges.publishMergesAndAwait(pool, merge(merged, survivor, T3), merge(merged, key("marker2"), T3));

        assertEquals(1, mergeRows(merged));
        assertEquals(0, mergeRows(survivor));
    }
}
