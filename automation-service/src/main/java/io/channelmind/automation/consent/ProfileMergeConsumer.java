package io.channelmind.automation.consent;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.channelmind.automation.messaging.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Consumes cm.profile-merged in its own consumer group and stores each merge, so that the consent
 * rules and journey frequency caps of the survivor also read the rows of the merged profile. A
 * message that is not a valid schema-version-1 merge is logged and skipped. Logs name event ids,
 * never profile keys.
 */
@ApplicationScoped
public class ProfileMergeConsumer {

    private static final Logger LOG = Logger.getLogger(ProfileMergeConsumer.class);
    private static final String METRIC = "channelmind.automation.profile.merges";

    private final ProfileMerges merges;
    private final MeterRegistry metrics;

    public ProfileMergeConsumer(ProfileMerges merges, MeterRegistry metrics) {
        this.merges = merges;
        this.metrics = metrics;
    }

    @Incoming(Topics.PROFILE_MERGED_CHANNEL)
    public Uni<Void> consume(String payload) {
        ProfileMerge merge;
        try {
            merge = ProfileMerge.parse(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping a cm.profile-merged message: %s", e.getMessage());
            count("invalid");
            return Uni.createFrom().voidItem();
        }
        return merges.save(merge).invoke(outcome -> {
            switch (outcome) {
                case STORED -> LOG.debugf("Profile merge %s stored", merge.eventId());
                case REPLAYED -> LOG.debugf("Profile merge %s was stored before, so it is ignored", merge.eventId());
                case CYCLE -> LOG.warnf("Skipping profile merge %s: its survivor was merged into its merged profile"
                        + " before, and storing it would make a cycle", merge.eventId());
                case ERASED -> LOG.debugf("Skipping profile merge %s: a privacy request erased one of its profiles"
                        + " after the merge", merge.eventId());
            }
            count(outcome.name().toLowerCase(Locale.ROOT));
        }).replaceWithVoid();
    }

    private void count(String outcome) {
        metrics.counter(METRIC, "outcome", outcome).increment();
    }
}
