package io.channelmind.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.channelmind.profile.domain.ChannelDelta;
import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.ProfileDraft;

class ProfileMergerTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final String KEY = "demo:c-1";

    private final ProfileDraft draft = ProfileDraft.create(KEY, T0);
    private final Map<String, ChannelDelta> deltas = new HashMap<>();

    @Test
    void olderIdentifyDoesNotOverwrite() {
        apply(identify(T0.plusSeconds(20), Map.of("email", "new@example.com", "tier", "gold")));

        apply(identify(T0.plusSeconds(10), Map.of("email", "old@example.com", "tier", "silver", "locale", "en-GB")));

        assertEquals("new@example.com", draft.email());
        assertEquals("gold", draft.traits().get("tier"));
        assertEquals("en-GB", draft.locale());
    }

    @Test
    void equalTimesLetLastEventWin() {
        apply(identify(T0, Map.of("firstName", "Ana")));

        apply(identify(T0, Map.of("firstName", "Anna")));

        assertEquals("Anna", draft.firstName());
    }

    @Test
    void nullAndBlankTraitsAreIgnored() {
        apply(identify(T0, Map.of("email", "ana@example.com", "tier", "gold")));
        Map<String, Object> blanks = new LinkedHashMap<>();
        blanks.put("email", " ");
        blanks.put("tier", null);

        apply(identify(T0.plusSeconds(1), blanks));

        assertEquals("ana@example.com", draft.email());
        assertEquals("gold", draft.traits().get("tier"));
    }

    @Test
    void consentSurvivesPerChannel() {
        apply(identify(T0.plusSeconds(20), Map.of("consent", Map.of("email", false))));

        apply(identify(T0.plusSeconds(10), Map.of("consent", Map.of("email", true, "sms", "true"))));

        assertEquals(Map.of("email", false, "sms", true), draft.consent());
    }

    @Test
    void outOfOrderContactsKeepLatestChannel() {
        apply(event(CustomerEvent.CONTACT, T0.plusSeconds(20), "sms", null));

        apply(event(CustomerEvent.CONTACT, T0.plusSeconds(10), "email", null));

        assertEquals("sms", draft.lastChannel());
        assertEquals(T0.plusSeconds(20), draft.lastContactAt());
        assertEquals(2, draft.contacts());
        assertEquals(T0.plusSeconds(10), deltas.get("email").lastContactAt());
    }

    @Test
    void conversionsAddValuePerChannel() {
        apply(event(CustomerEvent.CONVERSION, T0, "email", new BigDecimal("10.25")));

        apply(event(CustomerEvent.CONVERSION, T0, "email", null));

        assertEquals(2, draft.conversions());
        assertEquals(new BigDecimal("10.25"), draft.conversionValue());
        assertEquals(2, deltas.get("email").conversions());
        assertEquals(new BigDecimal("10.25"), deltas.get("email").conversionValue());
        assertNull(draft.lastChannel());
    }

    private void apply(CustomerEvent event) {
        ProfileMerger.apply(draft, event, channel -> deltas.computeIfAbsent(channel, name -> new ChannelDelta(KEY, name)),
                ZoneOffset.UTC);
    }

    private static CustomerEvent identify(Instant at, Map<String, Object> traits) {
        return new CustomerEvent(1, "e-" + at, CustomerEvent.IDENTIFY, KEY, at, null, null, null, null, traits, null, null, null, null, null, null);
    }

    private static CustomerEvent event(String type, Instant at, String channel, BigDecimal value) {
        return new CustomerEvent(1, "e-" + at, type, KEY, at, channel, null, value, null, Map.of(), null, null, null, null, null, null);
    }
}
