package io.channelmind.ingestion.messaging;

/** Kafka topics this service publishes to; payloads are described in docs/events.md. */
public final class Topics {

    /** Customer facts ({@code identify}, {@code contact}, {@code conversion}), keyed by profile key. */
    public static final String CUSTOMER_EVENTS = "cm.customer-events";
    /** Money spent on a channel on one day, keyed by channel. */
    public static final String SPEND = "cm.spend";
    /** Rows an import rejected, keyed by import id, without the row's values. */
    public static final String INGEST_DEAD_LETTER = "cm.ingest-dead-letter";

    private Topics() {
    }
}
