package io.channelmind.automation.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.automation.connector.DeliveryResult;
import io.channelmind.automation.connector.OutgoingMessage;
import io.channelmind.automation.connector.SendKey;
import io.channelmind.automation.journey.JourneyDefinition.Reentry;
import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.automation.journey.JourneyDefinition.Trigger;
import io.channelmind.automation.messaging.EventOutbox;
import io.quarkus.arc.Arc;

/** Clocks, senders and definitions for journey tests. Test clocks start in 2030, after any real due time. */
final class JourneyFixtures {

    private JourneyFixtures() {
    }

    /** A clock that tests move forward by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A sender that records messages and accepts them, or throws while {@code failing} is set. */
    static final class RecordingSender extends JourneySender {

        final List<OutgoingMessage> sent = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;

        RecordingSender() {
            super(null, null, null);
        }

        @Override
        public DeliveryResult send(String channel, OutgoingMessage message) {
            sent.add(message);
            if (failing) {
                throw new IllegalStateException("simulated crash after the provider accepted the message");
            }
            return new DeliveryResult.Sent("id-" + sent.size(), 1);
        }

        @Override
        public String messageId(SendKey key) {
            return "<" + key.value() + "@recording.test>";
        }

        /** Records an e-mail as an outgoing message with its recipient, subject and unrendered text. */
        @Override
        public DeliveryResult sendEmail(SendKey key, String to, String subject, String text, String locale) {
            return send("email", new OutgoingMessage(key, to, subject, text));
        }
    }

    /** Returns an engine whose sends check only the do-not-contact list, with no quiet hours and no caps. */
    static JourneyEngine engine(DataSource dataSource, ProfileFacts facts, JourneySender sender, Clock clock) {
        return engine(dataSource, facts, sender, JourneySendRules.doNotContactOnly(), clock);
    }

    static JourneyEngine engine(DataSource dataSource, ProfileFacts facts, JourneySender sender, JourneySendRules rules,
            Clock clock) {
        JourneyMessages messages = Arc.container().instance(JourneyMessages.class).get();
        return new JourneyEngine(dataSource, facts, sender, messages, rules, new EventOutbox(new ObjectMapper()), clock,
                new SplittableRandom(7));
    }

    static Step send(String id, String channel, String text, String next) {
        return new Step(id, "send", next, channel, null, null, text, null, null, null, null, null, null, null, null, null, null);
    }

    /** Builds a send step on the channel that channel-optimizer picks out of {@code channels}, with content-service copy. */
    static Step recommendedSend(String id, List<String> channels, String contentCampaign, String next) {
        return new Step(id, "send", next, null, channels, null, null,
                new JourneyDefinition.Content(contentCampaign, null), null, null, null, null, null, null, null, null, null);
    }

    /** Builds a send step on a fixed channel with content-service copy. */
    static Step contentSend(String id, String channel, String contentCampaign, String next) {
        return new Step(id, "send", next, channel, null, null, null,
                new JourneyDefinition.Content(contentCampaign, null), null, null, null, null, null, null, null, null, null);
    }

    /** Builds an SMS send step whose text may take at most {@code maxSegments} segments. */
    static Step smsSend(String id, String text, Integer maxSegments, String next) {
        return new Step(id, "send", next, "sms", null, null, text, null, maxSegments, null, null, null, null, null, null,
                null, null);
    }

    static Step waitFor(String id, String duration, String next) {
        return new Step(id, "wait", next, null, null, null, null, null, null, duration, null, null, null, null, null, null, null);
    }

    static Step eventCondition(String id, String event, String then, String otherwise) {
        return new Step(id, "condition", null, null, null, null, null, null, null, null, null,
                new JourneyDefinition.Condition(event, null, null, null), then, otherwise, null, null, null);
    }

    static Step exit(String id) {
        return new Step(id, "exit", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Step banditSplit(String id, String goal, String... nexts) {
        List<JourneyDefinition.Branch> branches = java.util.Arrays.stream(nexts)
                .map(next -> new JourneyDefinition.Branch(next, null)).toList();
        return new Step(id, "split", null, null, null, null, null, null, null, null, null, null, null, null, "bandit", branches, goal);
    }

    static JourneyDefinition segmentJourney(String segment, Reentry reentry, Step... steps) {
        return new JourneyDefinition("journey for " + segment,
                new Trigger("segment-entered", segment, null, null, null, null, null, null), reentry, List.of(steps), null);
    }

    static Map<String, Object> traits(Object... pairs) {
        Map<String, Object> traits = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            traits.put((String) pairs[i], pairs[i + 1]);
        }
        return traits;
    }
}
