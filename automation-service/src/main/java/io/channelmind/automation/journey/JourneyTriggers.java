package io.channelmind.automation.journey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.crypto.CryptoException;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicOpener;

/** Lets profiles into journeys when their trigger fires: segment entered, event received, or date reached. */
@ApplicationScoped
public class JourneyTriggers {

    private static final Logger LOG = Logger.getLogger(JourneyTriggers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JourneyStore journeys;
    private final JourneyEngine engine;
    private final ProfileFacts facts;
    private final DataSource dataSource;
    private final TopicOpener opener;
    private final Clock clock;

    @Inject
    public JourneyTriggers(JourneyStore journeys, JourneyEngine engine, ProfileFacts facts, DataSource dataSource,
            TopicOpener opener) {
        this(journeys, engine, facts, dataSource, opener, Clock.systemUTC());
    }

    JourneyTriggers(JourneyStore journeys, JourneyEngine engine, ProfileFacts facts, DataSource dataSource,
            TopicOpener opener, Clock clock) {
        this.journeys = journeys;
        this.engine = engine;
        this.facts = facts;
        this.dataSource = dataSource;
        this.opener = opener;
        this.clock = clock;
    }

    /** Handles one cm.segment-membership message; an entry into a segment starts its journeys. */
    public void onSegmentMembership(JsonNode event) {
        String eventId = event.path("eventId").asText(null);
        String profileKey = event.path("profileKey").asText(null);
        String segment = event.path("segment").asText(null);
        if (eventId == null || profileKey == null || segment == null) {
            LOG.warnf("Ignoring a cm.segment-membership message without eventId, profileKey or segment (eventId %s)", eventId);
            return;
        }
        if (!event.path("member").asBoolean(false)) {
            return;
        }
        for (JourneyStore.StoredJourney journey : journeys.activeWithTrigger("segment-entered")) {
            if (segment.equals(journey.definition().trigger().segment())) {
                engine.enter(journey.id(), profileKey, "segment:" + eventId);
            }
        }
    }

    /**
     * Handles one cm.customer-events message: stores it for conditions, bandit rewards and
     * traits, then starts the journeys whose trigger names its type or event name. A message
     * seen before changes nothing. A message whose {@code sealedTraits} do not decrypt, because
     * they were changed or moved from another event or field, is logged and skipped.
     */
    public void onCustomerEvent(JsonNode event) {
        String eventId = event.path("eventId").asText(null);
        String profileKey = event.path("profileKey").asText(null);
        String type = event.path("type").asText(null);
        if (eventId == null || profileKey == null || type == null) {
            LOG.warnf("Ignoring a cm.customer-events message without eventId, profileKey or type (eventId %s)", eventId);
            return;
        }
        String name = event.hasNonNull("event") ? event.get("event").asText() : null;
        Instant occurredAt = parseInstant(event.path("occurredAt").asText(null)).orElse(clock.instant());
        Map<String, Object> traits = type.equals("identify") && event.path("traits").isObject()
                ? ProfileFacts.parse(event.get("traits").toString())
                : Map.of();
        Map<String, String> sealedTraits;
        try {
            sealedTraits = type.equals("identify") ? openSealedTraits(eventId, event.get("sealedTraits")) : Map.of();
        } catch (CryptoException | JsonProcessingException | IllegalArgumentException e) {
            // The message names the field and the key, never a value.
            LOG.warnf("Skipping cm.customer-events event %s of profile %s: its sealedTraits did not decrypt: %s",
                    eventId, profileKey, e.getMessage());
            return;
        }
        if (!facts.record(eventId, profileKey, type, name, occurredAt, traits, sealedTraits)) {
            return;
        }
        for (JourneyStore.StoredJourney journey : journeys.activeWithTrigger("event")) {
            String expected = journey.definition().trigger().event();
            if (expected.equals(type) || (name != null && expected.equalsIgnoreCase(name))) {
                engine.enter(journey.id(), profileKey, "event:" + eventId);
            }
        }
    }

    /**
     * Checks every profile with stored traits against the active date-attribute journeys and
     * lets in those whose date is today in their own zone. The trigger key is the local date,
     * so repeated scans on one day enter a profile once. Returns how many entries started.
     */
    public int scanDates() {
        int entered = 0;
        Instant now = clock.instant();
        for (JourneyStore.StoredJourney journey : journeys.activeWithTrigger("date-attribute")) {
            Map<String, LocalDate> due = dueProfiles(journey, now);
            for (Map.Entry<String, LocalDate> profile : due.entrySet()) {
                if (engine.enter(journey.id(), profile.getKey(), "date:" + profile.getValue()).isPresent()) {
                    entered++;
                }
            }
        }
        return entered;
    }

    // NOTE: each scan reads every stored profile that has the attribute. Millions of profiles
    // would need an index on the attribute's month and day.
    private Map<String, LocalDate> dueProfiles(JourneyStore.StoredJourney journey, Instant now) {
        return Jdbc.inTransaction(dataSource, connection -> {
            Map<String, LocalDate> due = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select profile_key, traits from journey_profile where jsonb_exists(traits, ?)")) {
                select.setString(1, journey.definition().trigger().attribute());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String profileKey = row.getString(1);
                        DateTrigger.firesOn(journey.definition(), ProfileFacts.parse(row.getString(2)), now)
                                .ifPresent(date -> due.put(profileKey, date));
                    }
                }
            }
            return due;
        });
    }

    private Map<String, String> openSealedTraits(String eventId, JsonNode sealed) throws JsonProcessingException {
        if (sealed == null || sealed.isNull()) {
            return Map.of();
        }
        return opener.open(JourneyTopics.CUSTOMER_EVENTS, eventId, JSON.treeToValue(sealed, SealedTraits.class));
    }

    private static Optional<Instant> parseInstant(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
