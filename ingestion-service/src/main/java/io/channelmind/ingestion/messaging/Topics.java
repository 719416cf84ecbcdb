package io.channelmind.ingestion.messaging;

/** Kafka topics this service publishes to; payloads are described in docs/events.md. */
public final class Topics {

    /** Customer facts ({@code identify}, {@code contact}, {@code conversion}), keyed by profile key. */
    public static final String CUSTOMER_EVENTS = "cm.customer-events";
    /** Money spent on a channel on one day, keyed by channel. */
    public static final String SPEND = "cm.spend";
    /**
     * The offer catalogue, keyed by offer id on a compacted topic: the latest row of an offer is
     * its current state, and a withdrawn offer stays as a row with status {@code withdrawn}.
     */
    public static final String OFFERS = "cm.offers";
    /** Rows an import rejected, keyed by import id, without the row's values. */
    public static final String INGEST_DEAD_LETTER = "cm.ingest-dead-letter";

    private Topics() {
    }
}
