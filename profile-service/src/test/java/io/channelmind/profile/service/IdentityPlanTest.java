package io.channelmind.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.EventSource;
import io.channelmind.profile.domain.Identity;
import io.channelmind.profile.domain.ProfileDraft;
import io.channelmind.profile.domain.ProfileMerge;

class IdentityPlanTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final EventSource WEB = new EventSource("tracking", null, null, null, "web");

    @Test
    void aliasChainEndsOnOneSurvivor() {
        IdentityPlan plan = new IdentityPlan(Map.of(), Map.of());

        plan.resolve(List.of(contact("web:c", "c", null), alias("web:b", "b", "c"), alias("web:a", "a", "b")));

        assertEquals("web:a", plan.survivorOf("web:c"));
        assertEquals("web:a", plan.survivorOf("web:b"));
        assertEquals(List.of("web:a"), List.copyOf(plan.survivors().keySet()));
        assertEquals(List.of("web:a", "web:a"), plan.merges().stream().map(ProfileMerge::survivingKey).toList(),
                "every merge names the final survivor");
        assertEquals(List.of("web:c", "web:b"), plan.merges().stream().map(ProfileMerge::mergedKey).toList());
        assertEquals(Map.of(), plan.storedMerged(), "no merged profile was stored");
    }

    @Test
    void aliasBeforeEventsLinksUnknownKey() {
        IdentityPlan plan = new IdentityPlan(Map.of(), Map.of());

        plan.resolve(List.of(alias("web:a", "a", "b")));

        assertEquals("web:a", plan.survivorOf("web:b"));
        assertEquals(List.of(), plan.merges(), "nothing existed to merge");
        assertEquals("web:a", plan.newIdentities().get(Identity.profileKey("web:b")));
    }

    @Test
    void storedProfileMergesIntoUser() {
        ProfileDraft anonymous = ProfileDraft.create("web:anon-1", T0);
        anonymous.anonymous(true);
        anonymous.counters(3, 1, BigDecimal.TEN);
        ProfileDraft user = ProfileDraft.create("web:u-1", T0.plusSeconds(60));
        IdentityPlan plan = new IdentityPlan(
                Map.of(Identity.profileKey("web:anon-1"), "web:anon-1", Identity.profileKey("web:u-1"), "web:u-1"),
                Map.of("web:anon-1", anonymous, "web:u-1", user));

        plan.resolve(List.of(identify("web:u-1", "u-1", "anon-1", Map.of())));

        assertEquals(Map.of("web:anon-1", "web:u-1"), plan.storedMerged());
        ProfileDraft survivor = plan.survivors().get("web:u-1");
        assertEquals(3, survivor.contacts());
        assertEquals(T0, survivor.firstSeenAt());
        assertFalse(survivor.anonymous());
        assertEquals(ProfileMerge.IDENTIFY, plan.merges().get(0).reason());
    }

    @Test
    void anonymousProfileJoinsOwnerOfEmail() {
        ProfileDraft known = ProfileDraft.create("crm:c-1", T0);
        IdentityPlan plan = new IdentityPlan(Map.of(Identity.profileKey("crm:c-1"), "crm:c-1",
                Identity.email("ana@example.com"), "crm:c-1"), Map.of("crm:c-1", known));

        plan.resolve(List.of(identify("web:anon-9", null, "anon-9", Map.of("email", " ana@EXAMPLE.com "))));

        assertEquals("crm:c-1", plan.survivorOf("web:anon-9"));
        assertEquals(Identity.EMAIL, plan.merges().get(0).reason());
    }

    @Test
    void knownProfilesSharingEmailStayApart() {
        ProfileDraft first = ProfileDraft.create("crm:c-1", T0);
        IdentityPlan plan = new IdentityPlan(Map.of(Identity.profileKey("crm:c-1"), "crm:c-1",
                Identity.email("home@example.com"), "crm:c-1"), Map.of("crm:c-1", first));

        plan.resolve(List.of(identify("crm:c-2", null, null, Map.of("email", "home@example.com"))));

        assertEquals("crm:c-2", plan.survivorOf("crm:c-2"));
        assertEquals(List.of(), plan.merges());
        assertEquals(1, plan.contactPointConflicts());
        assertFalse(plan.newIdentities().containsKey(Identity.email("home@example.com")),
                "the e-mail identity stays with its first profile");
    }

    @Test
    void laterTraitSurvivesMerge() {
        ProfileDraft survivor = ProfileDraft.create("crm:a", T0);
        survivor.claimTrait("email", T0);
        survivor.email("old@example.com");
        survivor.claimTrait("consent.email", T0);
        survivor.consent().put("email", true);
        ProfileDraft merged = ProfileDraft.create("crm:b", T0.plusSeconds(5));
        merged.claimTrait("email", T0.plusSeconds(10));
        merged.email("new@example.com");
        merged.claimTrait("consent.email", T0);
        merged.consent().put("email", false);
        merged.claimTrait("firstName", T0.minusSeconds(10));
        merged.firstName("Bo");

        survivor.absorb(merged);

        assertEquals("new@example.com", survivor.email(), "the later e-mail wins");
        assertEquals(false, survivor.consent().get("email"), "a withdrawal at the same time wins");
        assertEquals("Bo", survivor.firstName(), "a trait only the merged profile has is kept");
        assertTrue(survivor.traitTimes().get("email").equals(T0.plusSeconds(10)));
    }

    @Test
    void emailNormalisationLowerCasesDomainOnly() {
        assertEquals("ana.b@example.com", Identity.normaliseEmail("  Ana.B@Example.COM "));
        assertEquals(Identity.email("Ana@example.com"), Identity.email("Ana@EXAMPLE.com"));
        assertEquals("+447900000000", Identity.normalisePhone("+44 7900 000-000"));
        assertEquals(null, Identity.email("no-at-sign"));
    }

    private static CustomerEvent contact(String key, String userId, String anonymousId) {
        return event(CustomerEvent.CONTACT, key, userId, anonymousId, null, Map.of());
    }

    private static CustomerEvent alias(String key, String userId, String previousId) {
        return event(CustomerEvent.ALIAS, key, userId, null, previousId, Map.of());
    }

    private static CustomerEvent identify(String key, String userId, String anonymousId, Map<String, Object> traits) {
        return event(CustomerEvent.IDENTIFY, key, userId, anonymousId, null, traits);
    }

    private static CustomerEvent event(String type, String key, String userId, String anonymousId, String previousId,
            Map<String, Object> traits) {
        return new CustomerEvent(1, type + "-" + key + "-" + previousId, type, key, T0, "email", null, null, null,
                traits, WEB, userId, anonymousId, previousId, null, null);
    }
}
