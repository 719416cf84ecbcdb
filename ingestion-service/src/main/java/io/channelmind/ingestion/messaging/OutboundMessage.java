package io.channelmind.ingestion.messaging;

/** A payload ready to publish, with its topic and record key. */
public record OutboundMessage(String topic, String key, Object payload) {
}
