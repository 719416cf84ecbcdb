package io.channelmind.stack.infra;

import java.util.List;

/**
 * The Kafka topics of the suite, created up front by the local stack and the end-to-end
 * tests. Each service names the topics it uses in its own {@code messaging.Topics} class;
 * docs/events.md is the contract between them.
 */
public final class StackTopics {

    public static final List<String> ALL = List.of(
            "cm.customer-events",
            "cm.spend",
            // NOTE: created here with the broker's default cleanup policy (delete), although the
            // chart makes cm.offers compacted; profile-service keeps the offers it has read.
            "cm.offers",
            "cm.ingest-dead-letter",
            "cm.segment-membership",
            "cm.deliveries",
            "cm.profile-merged",
            "cm.consent-changes",
            "cm.budget-plans",
            "cm.privacy-requests",
            "cm.privacy-confirmations");

    /** Partitions per topic; the ceiling on consumer replicas per consumer group. */
    public static final int PARTITIONS = 3;

    private StackTopics() {
    }
}
