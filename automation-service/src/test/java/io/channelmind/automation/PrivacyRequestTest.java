package io.channelmind.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.consent.ConsentChange;
import io.channelmind.automation.consent.ConsentStates;
import io.channelmind.automation.consent.ProfileMerge;
import io.channelmind.automation.consent.ProfileMerges;
import io.channelmind.automation.journey.ProfileFacts;
import io.channelmind.automation.privacy.PrivacyRequestConsumer;
import io.channelmind.web.testing.PrivacyRequestContract;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class PrivacyRequestTest extends PrivacyRequestContract {

    @Inject
    ProfileFacts facts;

    @Inject
    ConsentStates consents;

    @Inject
    ProfileMerges merges;

    @Override
    protected String service() {
        return PrivacyRequestConsumer.SERVICE;
    }

    @Override
    protected Map<String, Integer> expectedDeleted() {
        return Map.of("journey_profile", 1, "do_not_contact", 1, "journey_event", 1);
    }

    /**
     * Inserts rows found by profile key and by address hash. The outbox is left out because the
     * relay publishes and deletes its rows at once.
     */
    @Override
    protected void insertRows(Person person) {
        sql("insert into journey_profile (profile_key, traits, updated_at) values ($1, $2, now())", person.profileKey(),
                new JsonObject().put("email", person.email()));
        sql("insert into do_not_contact (address_hash, channel, reason, created_at) values ($1, 'email', 'unsubscribed', now())",
                person.emailHash());
        sql("insert into journey_event (event_id, profile_key, type, occurred_at) values ($1, $2, 'track', now())",
                UUID.randomUUID().toString(), person.profileKey());
    }

    @Override
    protected long countRows(Person person) {
        return count("select (select count(*) from journey_profile where profile_key = $1)"
                + " + (select count(*) from do_not_contact where address_hash = $2)"
                + " + (select count(*) from journey_event where profile_key = $1)", person.profileKey(), person.emailHash());
    }

    @Test
    void erasedPersonIsNotStoredAgain() throws Exception {
        Person person = Person.create();
        insertAndErase(person);

        boolean earlier = facts.record(UUID.randomUUID().toString(), person.profileKey(), "identify", null,
                Instant.now().minus(Duration.ofMinutes(5)), Map.of("email", person.email()));
        assertFalse(earlier, "an event from before the erasure is dropped");
        assertEquals(0, countRows(person), "rows of the erased person after a late event");

        boolean later = facts.record(UUID.randomUUID().toString(), person.profileKey(), "track", "Signed Up",
                Instant.now().plus(Duration.ofMinutes(5)), null);
        assertTrue(later, "an event from after the erasure is stored");
    }

    @Test
    void lateConsentOfErasedPersonDropped() throws Exception {
        Person person = Person.create();
        insertAndErase(person);
        Instant before = Instant.now().minus(Duration.ofMinutes(5));

        ConsentChange lateConsent = ConsentChange.parse(MAPPER.writeValueAsString(
                ConsentChanges.consent(person.profileKey(), "email", "marketing", "confirmed", before)));
        ConsentChange lateMark = ConsentChange.parse(MAPPER.writeValueAsString(
                ConsentChanges.manualMark(person.profileKey(), before)));
        ProfileMerge lateMerge = ProfileMerge.parse(MAPPER.writeValueAsString(
                ConsentChanges.merge("survivor-" + UUID.randomUUID(), person.profileKey(), before)));
        assertFalse(consents.save(lateConsent).await().atMost(TIMEOUT), "a consent from before the erasure");
        assertFalse(consents.save(lateMark).await().atMost(TIMEOUT), "a mark from before the erasure");
        assertEquals(ProfileMerges.Outcome.ERASED, merges.save(lateMerge).await().atMost(TIMEOUT));
        assertEquals(0, count("select (select count(*) from consent_purpose where profile_key = $1)"
                + " + (select count(*) from consent_mark where profile_key = $1)"
                + " + (select count(*) from profile_merge where profile_key = $1 or survivor_key = $1)",
                person.profileKey()), "consent and merge rows of the erased person");

        ConsentChange newConsent = ConsentChange.parse(MAPPER.writeValueAsString(ConsentChanges.consent(
                person.profileKey(), "email", "marketing", "confirmed", Instant.now().plus(Duration.ofMinutes(5)))));
        assertTrue(consents.save(newConsent).await().atMost(TIMEOUT), "a consent given after the erasure");
    }

    private void insertAndErase(Person person) throws Exception {
        insertRows(person);
        String requestId = UUID.randomUUID().toString();
        send(request(requestId, "erasure", person));
        awaitConfirmations(requestId, 1);
    }
}
