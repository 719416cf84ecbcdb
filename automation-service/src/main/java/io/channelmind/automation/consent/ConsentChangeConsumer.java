package io.channelmind.automation.consent;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.channelmind.automation.messaging.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Consumes cm.consent-changes in its own consumer group and stores the newest consent state per
 * profile, channel and purpose and the newest do-not-contact mark per profile and channel, which
 * {@link ConsentRules} checks before every send. A message that is not a valid schema-version-1
 * change is logged and skipped. Logs name event ids, never profile keys.
 */
@ApplicationScoped
public class ConsentChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ConsentChangeConsumer.class);
    private static final String METRIC = "channelmind.automation.consent.changes";

    private final ConsentStates states;
    private final MeterRegistry metrics;

    public ConsentChangeConsumer(ConsentStates states, MeterRegistry metrics) {
        this.states = states;
        this.metrics = metrics;
    }

    @Incoming(Topics.CONSENT_CHANGES_CHANNEL)
    public Uni<Void> consume(String payload) {
        ConsentChange change;
        try {
            change = ConsentChange.parse(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping a cm.consent-changes message: %s", e.getMessage());
            count("invalid");
            return Uni.createFrom().voidItem();
        }
        return states.save(change).invoke(stored -> {
            if (stored) {
                LOG.debugf("Consent change %s stored (%s)", change.eventId(), change.kind());
                count("stored");
            } else {
                LOG.debugf("Consent change %s is not newer than the stored state, so it is ignored", change.eventId());
                count("outdated");
            }
        }).replaceWithVoid();
    }

    private void count(String outcome) {
        metrics.counter(METRIC, "outcome", outcome).increment();
    }
}
