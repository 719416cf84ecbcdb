package io.channelmind.profile.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.channelmind.profile.interest.InterestVector;

/**
 * The mutable state of one profile while a batch of events is applied to it, including the
 * time at which each trait was last set ({@code traitTimes}), which decides trait survivorship.
 * Keys of {@code traitTimes} are the contact point names, {@code consent.<channel>} and
 * {@code trait.<name>}.
 */
public final class ProfileDraft {

    private final String profileKey;
    private String email;
    private String phone;
    private String firstName;
    private String locale;
    private String timeZone;
    private final Map<String, Boolean> consent;
    private final Map<String, Object> traits;
    private final Map<String, Instant> traitTimes;
    private long contacts;
    private long conversions;
    private BigDecimal conversionValue;
    private String lastChannel;
    private Instant lastContactAt;
    private Instant firstSeenAt;
    private Instant lastSeenAt;
    private boolean anonymous;
    private FeatureDraft features = new FeatureDraft();
    private InterestVector interests;

    public ProfileDraft(String profileKey, Map<String, Boolean> consent, Map<String, Object> traits,
            Map<String, Instant> traitTimes, Instant firstSeenAt, Instant lastSeenAt) {
        this.profileKey = profileKey;
        this.consent = new LinkedHashMap<>(consent);
        this.traits = new LinkedHashMap<>(traits);
        this.traitTimes = new LinkedHashMap<>(traitTimes);
        this.conversionValue = BigDecimal.ZERO;
        this.firstSeenAt = firstSeenAt;
        this.lastSeenAt = lastSeenAt;
    }

    /** Creates the draft of a profile that does not exist yet, first seen at {@code seenAt}. */
    public static ProfileDraft create(String profileKey, Instant seenAt) {
        return new ProfileDraft(profileKey, Map.of(), Map.of(), Map.of(), seenAt, seenAt);
    }

    /** Returns the profile with this state and the given per-channel statistics. */
    public Profile toProfile(Map<String, ChannelStats> channels) {
        return new Profile(profileKey, email, phone, firstName, locale, timeZone, Map.copyOf(consent),
                Collections.unmodifiableMap(new LinkedHashMap<>(traits)), contacts, conversions,
                conversionValue, lastChannel, lastContactAt, firstSeenAt, lastSeenAt, Map.copyOf(channels),
                features.toFeatures(), interests);
    }

    /** Widens the first-seen and last-seen times to include {@code at}. */
    public void seen(Instant at) {
        if (firstSeenAt == null || at.isBefore(firstSeenAt)) {
            firstSeenAt = at;
        }
        if (lastSeenAt == null || at.isAfter(lastSeenAt)) {
            lastSeenAt = at;
        }
    }

    /**
     * Records that the trait {@code key} is set by an event that occurred at {@code at}, unless a
     * later event already set it. Returns whether the caller should store the new value. On equal
     * times the event applied last wins.
     */
    public boolean claimTrait(String key, Instant at) {
        Instant previous = traitTimes.get(key);
        if (previous != null && at.isBefore(previous)) {
            return false;
        }
        traitTimes.put(key, at);
        return true;
    }

    /**
     * Absorbs a profile merged into this one. Each contact point, consent and free trait keeps
     * the value set at the latest event time, whichever profile it comes from, and on equal times
     * the surviving profile's value, with one exception: a withdrawn consent ({@code false}) wins
     * over a granted one set at the same time. Counters add up, first seen is the earlier and last
     * seen the later time, the last contact is the later one, and the result is anonymous only
     * when both profiles were. The interest vectors add up, each decayed to the later of their
     * times.
     */
    public void absorb(ProfileDraft merged) {
        for (Map.Entry<String, Instant> entry : merged.traitTimes.entrySet()) {
            String key = entry.getKey();
            Instant at = entry.getValue();
            Object value = merged.traitValue(key);
            if (value != null && winsOver(key, at, value)) {
                traitTimes.put(key, at);
                setTraitValue(key, value);
            }
        }
        contacts += merged.contacts;
        conversions += merged.conversions;
        conversionValue = conversionValue.add(merged.conversionValue);
        if (merged.lastContactAt != null) {
            contactedAt(merged.lastChannel, merged.lastContactAt);
        }
        if (merged.firstSeenAt != null) {
            seen(merged.firstSeenAt);
        }
        if (merged.lastSeenAt != null) {
            seen(merged.lastSeenAt);
        }
        anonymous = anonymous && merged.anonymous;
        features.absorb(merged.features);
        if (merged.interests != null) {
            interests = interests == null ? merged.interests : interests.merge(merged.interests);
        }
    }

    private boolean winsOver(String key, Instant at, Object value) {
        Instant own = traitTimes.get(key);
        if (own == null || at.isAfter(own)) {
            return true;
        }
        return at.equals(own) && key.startsWith("consent.") && Boolean.FALSE.equals(value);
    }

    /** Returns the value of a {@code traitTimes} key: a contact point, {@code consent.<channel>} or {@code trait.<name>}. */
    private Object traitValue(String key) {
        return switch (key) {
            case "email" -> email;
            case "phone" -> phone;
            case "firstName" -> firstName;
            case "locale" -> locale;
            case "timeZone" -> timeZone;
            default -> key.startsWith("consent.") ? consent.get(key.substring("consent.".length()))
                    : key.startsWith("trait.") ? traits.get(key.substring("trait.".length())) : null;
        };
    }

    private void setTraitValue(String key, Object value) {
        switch (key) {
            case "email" -> email = value.toString();
            case "phone" -> phone = value.toString();
            case "firstName" -> firstName = value.toString();
            case "locale" -> locale = value.toString();
            case "timeZone" -> timeZone = value.toString();
            default -> {
                if (key.startsWith("consent.") && value instanceof Boolean granted) {
                    consent.put(key.substring("consent.".length()), granted);
                } else if (key.startsWith("trait.")) {
                    traits.put(key.substring("trait.".length()), value);
                }
            }
        }
    }

    public String profileKey() {
        return profileKey;
    }

    /** Returns whether every event of the profile so far came from tracking calls with only an {@code anonymousId}. */
    public boolean anonymous() {
        return anonymous;
    }

    public void anonymous(boolean anonymous) {
        this.anonymous = anonymous;
    }

    public FeatureDraft features() {
        return features;
    }

    /** Sets the stored features, as read from the database. */
    public void features(FeatureDraft features) {
        this.features = features;
    }

    /** Returns the time-decayed interest vector, null before the profile's first interest text. */
    public InterestVector interests() {
        return interests;
    }

    public void interests(InterestVector interests) {
        this.interests = interests;
    }

    public String email() {
        return email;
    }

    public void email(String email) {
        this.email = email;
    }

    public String phone() {
        return phone;
    }

    public void phone(String phone) {
        this.phone = phone;
    }

    public String firstName() {
        return firstName;
    }

    public void firstName(String firstName) {
        this.firstName = firstName;
    }

    public String locale() {
        return locale;
    }

    public void locale(String locale) {
        this.locale = locale;
    }

    public String timeZone() {
        return timeZone;
    }

    public void timeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Map<String, Boolean> consent() {
        return consent;
    }

    public Map<String, Object> traits() {
        return traits;
    }

    public Map<String, Instant> traitTimes() {
        return traitTimes;
    }

    public long contacts() {
        return contacts;
    }

    public long conversions() {
        return conversions;
    }

    public BigDecimal conversionValue() {
        return conversionValue;
    }

    /** Sets the stored counters, as read from the database. */
    public void counters(long contacts, long conversions, BigDecimal conversionValue) {
        this.contacts = contacts;
        this.conversions = conversions;
        this.conversionValue = conversionValue;
    }

    public void addContact() {
        contacts++;
    }

    public void addConversion(BigDecimal value) {
        conversions++;
        if (value != null) {
            conversionValue = conversionValue.add(value);
        }
    }

    public String lastChannel() {
        return lastChannel;
    }

    public Instant lastContactAt() {
        return lastContactAt;
    }

    /** Sets the last contact, as read from the database. */
    public void lastContact(String channel, Instant at) {
        this.lastChannel = channel;
        this.lastContactAt = at;
    }

    /** Records a contact, which becomes the last contact unless a later one is already known. */
    public void contactedAt(String channel, Instant at) {
        if (lastContactAt != null && at.isBefore(lastContactAt)) {
            return;
        }
        lastContactAt = at;
        if (channel != null) {
            lastChannel = channel;
        }
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }
}
