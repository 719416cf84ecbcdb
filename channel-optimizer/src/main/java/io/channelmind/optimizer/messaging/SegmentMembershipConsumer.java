package io.channelmind.optimizer.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.channelmind.optimizer.repository.ConsumptionRepository;
import io.channelmind.optimizer.repository.SegmentMemberRepository;
import io.channelmind.optimizer.repository.SegmentMemberRepository.MembershipRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code cm.segment-membership} in batches: a change with {@code member=true} adds
 * the profile to the segment, {@code member=false} removes it. The topic is keyed by profile
 * key, so the changes of one profile arrive in order on one partition.
 */
@ApplicationScoped
public class SegmentMembershipConsumer {

    private static final Logger LOG = Logger.getLogger(SegmentMembershipConsumer.class);

    private final SegmentMemberRepository members;
    private final ConsumptionRepository consumption;
    private final ConsumptionMetrics metrics;

    public SegmentMembershipConsumer(SegmentMemberRepository members, ConsumptionRepository consumption,
            ConsumptionMetrics metrics) {
        this.members = members;
        this.consumption = consumption;
        this.metrics = metrics;
    }

    /** Applies a batch in one transaction, so its processed event ids, memberships and counters commit together. */
    @Incoming(Topics.SEGMENT_MEMBERSHIP)
    public Uni<Void> consume(ConsumerRecords<String, SegmentMembershipEvent> records) {
        ConsumedBatch<SegmentMembershipEvent> batch = ConsumedBatch.of(Topics.SEGMENT_MEMBERSHIP, records,
                SegmentMembershipEvent::isApplicable, SegmentMembershipEvent::eventId, event -> null);
        batch.logSkipped(LOG);
        List<MembershipRow> rows = new ArrayList<>();
        for (SegmentMembershipEvent event : batch.applicable()) {
            int sequence = rows.size();
            rows.add(new MembershipRow(event.eventId(), event.segment(), event.profileKey(), event.member(), sequence));
        }

        return Panache.withTransaction(() -> members.applyNew(Topics.SEGMENT_MEMBERSHIP, rows)
                        .call(applied -> consumption.addTopicCounts(Topics.SEGMENT_MEMBERSHIP, batch.size(), applied)))
                .invoke(applied -> {
                    metrics.record(Topics.SEGMENT_MEMBERSHIP, batch, applied);
                    LOG.debugf("Applied %d of %d segment membership changes", applied.longValue(), (long) batch.size());
                })
                .onFailure().invoke(failure -> LOG.errorf(failure,
                        "Failed to apply a batch of %d segment membership changes. The channel stops, and a restart"
                                + " consumes the batch again", batch.size()))
                .replaceWithVoid();
    }
}
