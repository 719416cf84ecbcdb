package io.channelmind.profile.service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.channelmind.profile.domain.ChannelDelta;
import io.channelmind.profile.domain.CustomerEvent;
import io.channelmind.profile.domain.ProfileDraft;

/**
 * Applies customer events to profile drafts. {@code identify} sets contact points, consent and
 * free traits, each only when the event is at least as recent as the one that set it last. It
 * keeps the traits that the event does not mention, and a null or blank value counts as not
 * mentioned. {@code contact} and {@code conversion} add to the profile counters and to
 * per-channel deltas, and to the purchase and engagement features: a conversion with a negative
 * value is a return, and {@code cancellation} subtracts its absolute value and one purchase. {@code alias} only widens the seen times, because {@link IdentityPlan} performs
 * its merge before the events are applied, and so does {@code track}, whose interest texts
 * CustomerEventService adds.
 */
final class ProfileMerger {

    private ProfileMerger() {
    }

    /**
     * Applies one event of a known type to {@code draft}. {@code deltaFor} returns the delta of a
     * channel, by channel name, that the event adds to.
     */
    static void apply(ProfileDraft draft, CustomerEvent event, Function<String, ChannelDelta> deltaFor,
            ZoneId defaultZone) {
        Instant at = event.occurredAt();
        draft.seen(at);
        String channel = channelName(event.channel());
        switch (event.type()) {
            case CustomerEvent.IDENTIFY -> identify(draft, event.traits(), at);
            case CustomerEvent.CONTACT -> {
                draft.addContact();
                draft.contactedAt(channel, at);
                draft.features().contacted(channel, at);
                draft.features().engaged(at, zoneOf(draft, defaultZone));
                if (channel != null) {
                    deltaFor.apply(channel).addContact(at);
                }
            }
            case CustomerEvent.CONVERSION -> {
                draft.addConversion(event.value());
                if (event.value() != null && event.value().signum() < 0) {
                    draft.features().returned(event.value());
                } else {
                    draft.features().purchased(event.value(), at);
                }
                draft.features().engaged(at, zoneOf(draft, defaultZone));
                if (channel != null) {
                    deltaFor.apply(channel).addConversion(event.value());
                }
            }
            case CustomerEvent.CANCELLATION -> draft.features().cancelled(event.value());
            case CustomerEvent.TRACK -> {
                // Only a track call with interest texts or offer activity gets here; CustomerEventService adds both.
            }
            case CustomerEvent.ALIAS -> {
                // IdentityPlan has already merged the previousId's profile; an alias changes nothing else.
            }
            default -> throw new IllegalArgumentException("Unknown customer event type '" + event.type() + "'");
        }
    }

    private static void identify(ProfileDraft draft, Map<String, Object> traits, Instant at) {
        if (traits == null) {
            return;
        }
        for (Map.Entry<String, Object> trait : traits.entrySet()) {
            String name = trait.getKey();
            Object value = trait.getValue();
            if (value == null || (value instanceof String text && text.isBlank())) {
                continue;
            }
            switch (name) {
                case "email" -> setText(draft, name, value, at, draft::email);
                case "phone" -> setText(draft, name, value, at, draft::phone);
                case "firstName" -> setText(draft, name, value, at, draft::firstName);
                case "locale" -> setText(draft, name, value, at, draft::locale);
                case "timeZone" -> setText(draft, name, value, at, draft::timeZone);
                case "consent" -> consent(draft, value, at);
                default -> {
                    if (draft.claimTrait("trait." + name, at)) {
                        draft.traits().put(name, value);
                    }
                }
            }
        }
    }

    private static void setText(ProfileDraft draft, String name, Object value, Instant at,
            Consumer<String> setter) {
        if (value instanceof Map || value instanceof Iterable) {
            return;
        }
        if (draft.claimTrait(name, at)) {
            setter.accept(value.toString().trim());
        }
    }

    private static void consent(ProfileDraft draft, Object value, Instant at) {
        if (!(value instanceof Map<?, ?> consent)) {
            return;
        }
        for (Map.Entry<?, ?> entry : consent.entrySet()) {
            Boolean granted = toBoolean(entry.getValue());
            String channel = channelName(String.valueOf(entry.getKey()));
            if (granted != null && channel != null && draft.claimTrait("consent." + channel, at)) {
                draft.consent().put(channel, granted);
            }
        }
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.valueOf(lower);
            }
        }
        return null;
    }

    /**
     * Returns the profile's time zone, or {@code defaultZone} when the profile has none or an
     * invalid one. The zone known when an event is applied buckets it, so a later change of
     * time zone does not move earlier engagement.
     */
    private static ZoneId zoneOf(ProfileDraft draft, ZoneId defaultZone) {
        String zone = draft.timeZone();
        if (zone == null || zone.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            return defaultZone;
        }
    }

    /** Returns the trimmed channel name, or null for a missing or blank one. */
    private static String channelName(String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        return channel.trim();
    }
}
