package io.channelmind.profile.rule;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.channelmind.profile.domain.ChannelStats;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.interest.AnchorSet;
import io.channelmind.profile.rule.RateSmoothing.Rate;

/**
 * A profile attribute that a rule can compare: its name as written, the type of literal it
 * accepts, how to read it from a profile in an evaluation, and whether {@code cm.deliveries}
 * changes it. The reader returns null for a missing value ({@code lastChannel} before any contact,
 * an absent trait).
 */
public record Field(String name, ValueType type, BiFunction<Profile, Evaluation, Object> reader,
        boolean fromDeliveries) {

    /** The literal types a field accepts. {@code ANY} is for traits, whose type is known only per profile. */
    public enum ValueType {
        NUMBER("a number"),
        BOOLEAN("true or false"),
        STRING("a quoted string"),
        ANY("a number, a quoted string, true or false");

        private final String description;

        ValueType(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    static final String KNOWN_FIELDS = "a field: contacts, conversions, conversionValue, hasEmail, hasPhone, "
            + "lastChannel, firstChannel, frequency, monetary, purchases, cancellations, returns, recencyDays, "
            + "lifetimeDays, preferredHour, preferredWeekday, channel.<name>.<counter or rate>, "
            + "consent.<channel>, trait.<name>, interest.<label>, count(<kind>, <duration>) or "
            + "sum(<kind>.value, <duration>)";

    static final String INTEREST_PREFIX = "interest.";

    /** The expected-token text for an unknown interest label, listing the labels of the anchor set. */
    static final String KNOWN_INTEREST_LABELS = "an interest label after 'interest.': "
            + String.join(", ", AnchorSet.builtIn().labels());

    private static final String CHANNEL_PREFIX = "channel.";
    private static final String CONSENT_PREFIX = "consent.";
    private static final String TRAIT_PREFIX = "trait.";

    /** Resolves a field name as written in a rule; empty when the name is not a field. */
    static Optional<Field> resolve(String name) {
        Field field = switch (name) {
            case "contacts" -> number(name, profile -> BigDecimal.valueOf(profile.contacts()));
            case "conversions" -> number(name, profile -> BigDecimal.valueOf(profile.conversions()));
            case "conversionValue" -> number(name, Profile::conversionValue);
            case "hasEmail" -> field(name, ValueType.BOOLEAN, Profile::hasEmail);
            case "hasPhone" -> field(name, ValueType.BOOLEAN, Profile::hasPhone);
            case "lastChannel" -> field(name, ValueType.STRING, Profile::lastChannel);
            default -> resolveFeature(name);
        };
        return Optional.ofNullable(field);
    }

    /**
     * Resolves a purchase or engagement feature. {@code recencyDays} is measured to the time of
     * evaluation and {@code preferredWeekday} is the ISO day number, 1 for Monday to 7 for Sunday.
     * NOTE: recencyDays is measured to the time of evaluation, so a stored membership keeps its
     * value until the profile changes or the segment is evaluated again.
     */
    private static Field resolveFeature(String name) {
        return switch (name) {
            case "firstChannel" -> field(name, ValueType.STRING, profile -> profile.features().firstChannel());
            case "frequency" -> number(name, profile -> BigDecimal.valueOf(profile.features().frequency()));
            case "monetary" -> number(name, profile -> profile.features().monetary());
            case "purchases" -> number(name, profile -> BigDecimal.valueOf(profile.features().purchases()));
            case "cancellations" -> number(name, profile -> BigDecimal.valueOf(profile.features().cancellations()));
            case "returns" -> number(name, profile -> BigDecimal.valueOf(profile.features().returns()));
            case "recencyDays" -> new Field(name, ValueType.NUMBER,
                    (profile, evaluation) -> decimal(profile.features().recencyDays(evaluation.now())), false);
            case "lifetimeDays" -> number(name, profile -> BigDecimal.valueOf(
                    Duration.between(profile.firstSeenAt(), profile.lastSeenAt()).toDays()));
            case "preferredHour" -> number(name, profile -> decimal(profile.features().preferredHour()));
            case "preferredWeekday" -> number(name, profile -> {
                DayOfWeek weekday = profile.features().preferredWeekday();
                return weekday == null ? null : BigDecimal.valueOf(weekday.getValue());
            });
            default -> resolvePrefixed(name);
        };
    }

    private static BigDecimal decimal(Number value) {
        return value == null ? null : BigDecimal.valueOf(value.longValue());
    }

    private static Field resolvePrefixed(String name) {
        if (name.startsWith(CONSENT_PREFIX) && name.length() > CONSENT_PREFIX.length()) {
            String channel = name.substring(CONSENT_PREFIX.length());
            return field(name, ValueType.BOOLEAN, profile -> Boolean.TRUE.equals(profile.consent().get(channel)));
        }
        if (name.startsWith(TRAIT_PREFIX) && name.length() > TRAIT_PREFIX.length()) {
            String trait = name.substring(TRAIT_PREFIX.length());
            return field(name, ValueType.ANY, profile -> profile.traits().get(trait));
        }
        if (name.startsWith(CHANNEL_PREFIX)) {
            return resolveChannel(name);
        }
        if (name.startsWith(INTEREST_PREFIX)) {
            return resolveInterest(name);
        }
        return null;
    }

    /**
     * Resolves {@code interest.<label>}: the label's share of the profile's interest vector, from
     * 0 to 1, and 0 for a profile without interest texts. Null for a label the anchor set lacks.
     */
    private static Field resolveInterest(String name) {
        int index = AnchorSet.builtIn().indexOf(name.substring(INTEREST_PREFIX.length()));
        if (index < 0) {
            return null;
        }
        return number(name, profile -> profile.interests() == null ? BigDecimal.ZERO
                : BigDecimal.valueOf(profile.interests().shares()[index]));
    }

    /**
     * Resolves {@code channel.<name>.<counter or rate>}. {@code contacts} and {@code conversions}
     * come from customer events, the other counters from {@code cm.deliveries}. The rates are
     * smoothed towards the channel's rate over all profiles, as the profile view shows them.
     */
    private static Field resolveChannel(String name) {
        int lastDot = name.lastIndexOf('.');
        if (lastDot <= CHANNEL_PREFIX.length()) {
            return null;
        }
        String channel = name.substring(CHANNEL_PREFIX.length(), lastDot);
        return switch (name.substring(lastDot + 1)) {
            case "contacts" -> number(name, profile -> BigDecimal.valueOf(profile.channel(channel).contacts()));
            case "conversions" -> number(name, profile -> BigDecimal.valueOf(profile.channel(channel).conversions()));
            case "sent" -> counter(name, channel, ChannelStats::sent);
            case "delivered" -> counter(name, channel, ChannelStats::delivered);
            case "opened" -> counter(name, channel, ChannelStats::opened);
            case "clicked" -> counter(name, channel, ChannelStats::clicked);
            case "converted" -> counter(name, channel, ChannelStats::converted);
            case "responseRate" -> rate(name, channel, Rate.RESPONSE);
            case "openRate" -> rate(name, channel, Rate.OPEN);
            case "clickRate" -> rate(name, channel, Rate.CLICK);
            case "conversionRate" -> rate(name, channel, Rate.CONVERSION);
            default -> null;
        };
    }

    private static Field counter(String name, String channel, ToLongFunction<ChannelStats> counter) {
        return new Field(name, ValueType.NUMBER,
                (profile, evaluation) -> BigDecimal.valueOf(counter.applyAsLong(profile.channel(channel))), true);
    }

    /**
     * Returns a smoothed rate field. {@code responseRate} is conversions per contact, both from
     * customer events; the other rates are per delivered message from {@code cm.deliveries}.
     */
    private static Field rate(String name, String channel, Rate rate) {
        return new Field(name, ValueType.NUMBER, (profile, evaluation) -> {
            Double value = evaluation.rates().rate(profile.channel(channel), rate);
            return value == null ? null : BigDecimal.valueOf(value);
        }, rate != Rate.RESPONSE);
    }

    private static Field number(String name, Function<Profile, Object> reader) {
        return field(name, ValueType.NUMBER, reader);
    }

    /** Returns a field whose value does not depend on the time of evaluation. */
    private static Field field(String name, ValueType type, Function<Profile, Object> reader) {
        return new Field(name, type, (profile, evaluation) -> reader.apply(profile), false);
    }
}
