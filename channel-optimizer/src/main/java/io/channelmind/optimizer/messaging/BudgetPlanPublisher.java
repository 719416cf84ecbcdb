package io.channelmind.optimizer.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.plan.StoredPlan;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes accepted plans to {@link Topics#BUDGET_PLANS}, keyed by plan id. */
@ApplicationScoped
public class BudgetPlanPublisher {

    private final MutinyEmitter<BudgetPlanEvent> emitter;

    public BudgetPlanPublisher(@Channel(Topics.BUDGET_PLANS_CHANNEL) MutinyEmitter<BudgetPlanEvent> emitter) {
        this.emitter = emitter;
    }

    /** Publishes the plan as accepted at the given time; the Uni completes when Kafka acknowledged it (acks=all). */
    public Uni<Void> publish(StoredPlan stored, Instant acceptedAt) {
        AllocationPlan plan = stored.plan();
        String id = stored.id().toString();
        BudgetPlanEvent event = new BudgetPlanEvent(Topics.SCHEMA_VERSION, id, id, stored.name(), plan.goal().name(),
                plan.target(), plan.totalBudget(), plan.plannedSpend(), plan.expectedOutcome(),
                acceptedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                plan.channels().stream()
                        .map(channel -> new BudgetPlanEvent.ChannelSpend(channel.channel(), channel.currentSpend(),
                                channel.proposedSpend(), channel.expectedOutcome()))
                        .toList());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(id)
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(metadata));
    }
}
