package io.channelmind.ingestion.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.web.crypto.SealedTraits;
import io.channelmind.web.crypto.TopicSealer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Moves the traits that name or contact a person ({@code ingestion.personal-data.sealed-traits})
 * out of a customer event's {@code traits} into its encrypted {@code sealedTraits}, so that
 * {@code cm.customer-events} carries them only as ciphertext. A string, number or boolean value
 * is encrypted as its text. An object or array value, such as a Segment {@code address} object,
 * is dropped and counted in {@code channelmind.ingestion.personal.traits{outcome=dropped}}.
 *
 * <p>It is created at startup, so a service without a valid key-encryption key stops there
 * with an error that names {@code channelmind.crypto.kek}.
 */
@Startup
@ApplicationScoped
public class PersonalTraits {

    private final TopicSealer sealer;
    private final Set<String> sealedNames;
    private final Counter dropped;

    public PersonalTraits(TopicSealer sealer, IngestionConfig config, MeterRegistry meters) {
        this.sealer = sealer;
        this.sealedNames = Set.copyOf(config.personalData().sealedTraits());
        this.dropped = meters.counter("channelmind.ingestion.personal.traits", "outcome", "dropped");
    }

    /** The traits of an event without the personal ones, and the personal ones encrypted (null when there are none). */
    public record Split(Map<String, Object> traits, SealedTraits sealed) {
    }

    /** Splits the traits of the event {@code eventId}; returns them unchanged when none is personal. */
    public Split split(String eventId, Map<String, Object> traits) {
        if (traits == null || !containsPersonal(traits)) {
            return new Split(traits, null);
        }
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, String> personal = new LinkedHashMap<>();
        traits.forEach((name, value) -> {
            if (!sealedNames.contains(name)) {
                plain.put(name, value);
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                personal.put(name, value.toString());
            } else if (value != null) {
                dropped.increment();
            }
        });
        return new Split(plain, sealer.seal(Topics.CUSTOMER_EVENTS, eventId, personal));
    }

    /** Returns the event with its personal traits encrypted. */
    public CustomerEvent seal(CustomerEvent event) {
        Split split = split(event.eventId(), event.traits());
        return split.sealed() == null && split.traits() == event.traits() ? event : event.withTraits(split);
    }

    private boolean containsPersonal(Map<String, Object> traits) {
        for (String name : traits.keySet()) {
            if (sealedNames.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
