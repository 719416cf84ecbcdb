package io.channelmind.profile.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.channelmind.profile.domain.ChannelStats;
import io.channelmind.profile.domain.Features;
import io.channelmind.profile.domain.Profile;
import io.channelmind.profile.interest.AnchorSet;
import io.channelmind.profile.interest.InterestVector;

class RuleEvaluationTest {

    private static final Profile PROFILE = profile();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "contacts = 3                          | true",
        "contacts != 3                         | false",
        "contacts > 2 and contacts <= 3        | true",
        "conversions = 0                       | false",
        "conversions >= 1                      | true",
        "conversionValue > 12.4                | true",
        "conversionValue = 12.50               | true",
        "hasEmail = true                       | true",
        "hasPhone = true                       | false",
        "hasPhone != true                      | true",
        "lastChannel = 'sms'                   | true",
        "lastChannel > 'email'                 | true",
        "channel.email.contacts = 2            | true",
        "channel.email.conversions = 1         | true",
        "channel.push.contacts = 0             | true",
        "consent.email = true                  | true",
        "consent.sms = false                   | true",
        "consent.push = false                  | true",
        "consent.push = true                   | false",
        "trait.age >= 40                       | true",
        "trait.age = '42'                      | true",
        "trait.score > 7                       | true",
        "trait.score = 'abc'                   | false",
        "trait.job = 'admin.'                  | true",
        "trait.job > 3                         | false",
        "trait.job != 3                        | true",
        "trait.vip = true                      | true",
        "trait.vip = 'true'                    | true",
        "trait.missing = 1                     | false",
        "trait.missing < 1                     | false",
        "trait.missing != 1                    | true",
        "not trait.missing = 1                 | true",
        "trait.tags = 'a'                      | false",
        "contacts = 0 or hasEmail = true       | true",
        "not (contacts = 3 and hasEmail = true)| false",
    })
    void rulesEvaluateAgainstProfile(String rule, boolean expected) {
        assertEquals(expected, RuleParser.parse(rule).matches(PROFILE, Evaluation.at(Instant.now())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lastChannel = 'sms'   | false",
        "lastChannel != 'sms'  | true",
        "lastChannel < 'zzz'   | false",
    })
    void missingLastChannelMatchesOnlyNotEqual(String rule, boolean expected) {
        Profile empty = new Profile("k", null, null, null, null, null, Map.of(), Map.of(), 0, 0, BigDecimal.ZERO,
                null, null, Instant.EPOCH, Instant.EPOCH, Map.of(), Features.empty(), null);

        assertEquals(expected, RuleParser.parse(rule).matches(empty, Evaluation.at(Instant.now())));
    }

    @Test
    void windowsCompareLoadedTotals() {
        Rule rule = RuleParser.parse("count(purchase, 90d) >= 1 and sum(purchase.value, 90d) > 1000");
        Window window = new Window("purchase", Duration.ofDays(90));
        Instant now = Instant.parse("2011-12-09T12:50:00Z");

        assertEquals(Set.of(window), rule.windows());
        assertTrue(rule.matches(PROFILE, new Evaluation(now, Map.of(window, new WindowTotals(2, new BigDecimal("1000.01"))))));
        assertFalse(rule.matches(PROFILE, new Evaluation(now, Map.of(window, new WindowTotals(2, new BigDecimal("1000"))))));
        assertFalse(rule.matches(PROFILE, new Evaluation(now, Map.of(window, WindowTotals.NONE))));
        assertThrows(IllegalStateException.class, () -> rule.matches(PROFILE, Evaluation.at(now)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "interest.outdoor > 0.5     | true",
        "interest.outdoor > 0.8     | false",
        "interest.kitchen = 0.25    | true",
        "interest.finance = 0       | true",
        "interest.finance > 0       | false",
    })
    void interestSharesCompare(String rule, boolean expected) {
        AnchorSet anchors = AnchorSet.builtIn();
        double[] values = new double[anchors.anchors().size()];
        values[anchors.indexOf("outdoor")] = 3;
        values[anchors.indexOf("kitchen")] = 1;
        Profile base = profile();
        Profile withInterests = new Profile(base.profileKey(), base.email(), base.phone(), base.firstName(),
                base.locale(), base.timeZone(), base.consent(), base.traits(), base.contacts(), base.conversions(),
                base.conversionValue(), base.lastChannel(), base.lastContactAt(), base.firstSeenAt(),
                base.lastSeenAt(), base.channels(), base.features(),
                new InterestVector(values, Instant.EPOCH, Duration.ofDays(90)));

        assertEquals(expected, RuleParser.parse(rule).matches(withInterests, Evaluation.at(Instant.now())));
    }

    @Test
    void profileWithoutInterestsHasZeroShares() {
        assertTrue(RuleParser.parse("interest.outdoor = 0").matches(PROFILE, Evaluation.at(Instant.now())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "channel.email.sent = 6                | true",
        "channel.email.delivered = 5           | true",
        "channel.email.opened >= 3             | true",
        "channel.email.opened > 3              | false",
        "channel.email.clicked = 1             | true",
        "channel.email.converted = 0           | true",
        "channel.push.sent = 0                 | true",
        "channel.email.openRate > 0.5          | true",
        "channel.email.openRate = 0.6          | true",
        "channel.email.clickRate > 0.1         | true",
        "channel.email.clickRate > 0.3         | false",
        "channel.email.conversionRate = 0      | true",
        "channel.email.responseRate = 0.5      | true",
        "channel.push.openRate != 0            | true",
        "channel.push.openRate = 0             | false",
    })
    void deliveryCountersAndRatesEvaluate(String rule, boolean expected) {
        // A stand-in smoothing: the raw ratio, missing for a channel without trials.
        RateSmoothing raw = (stats, rate) -> {
            long trials = rate == RateSmoothing.Rate.RESPONSE ? stats.contacts() : stats.delivered();
            long successes = switch (rate) {
                case RESPONSE -> stats.conversions();
                case OPEN -> stats.opened();
                case CLICK -> stats.clicked();
                case CONVERSION -> stats.converted();
            };
            return trials == 0 ? null : (double) successes / trials;
        };

        Evaluation evaluation = new Evaluation(Instant.now(), Map.of(), raw);

        assertEquals(expected, RuleParser.parse(rule).matches(PROFILE, evaluation));
    }

    @Test
    void ratesWithoutSmoothingAreMissing() {
        Rule rule = RuleParser.parse("channel.email.openRate >= 0");

        assertFalse(rule.matches(PROFILE, Evaluation.at(Instant.now())));
    }

    private static Profile profile() {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("age", 42);
        traits.put("score", "7.5");
        traits.put("job", "admin.");
        traits.put("vip", true);
        traits.put("tags", List.of("a", "b"));
        Map<String, ChannelStats> channels = Map.of(
                "email", new ChannelStats("email", 2, 1, new BigDecimal("12.5"), 6, 5, 3, 1, 0, Instant.EPOCH),
                "sms", new ChannelStats("sms", 1, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, Instant.EPOCH));
        return new Profile("demo:c-1", "ana@example.com", " ", "Ana", "es-ES", "Europe/Madrid",
                Map.of("email", true, "sms", false), traits, 3, 1, new BigDecimal("12.5000"), "sms",
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, channels, Features.empty(), null);
    }
}
