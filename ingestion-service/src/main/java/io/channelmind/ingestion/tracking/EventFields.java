package io.channelmind.ingestion.tracking;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The field names of {@link io.channelmind.ingestion.messaging.CustomerEvent} that {@link CallMapper}
 * writes, as strings whose UTF-8 Jackson encodes once instead of once per event.
 */
final class EventFields {

    static final SerializedString SCHEMA_VERSION = new SerializedString("schemaVersion");
    static final SerializedString EVENT_ID = new SerializedString("eventId");
    static final SerializedString TYPE = new SerializedString("type");
    static final SerializedString PROFILE_KEY = new SerializedString("profileKey");
    static final SerializedString OCCURRED_AT = new SerializedString("occurredAt");
    static final SerializedString CHANNEL = new SerializedString("channel");
    static final SerializedString CAMPAIGN = new SerializedString("campaign");
    static final SerializedString VALUE = new SerializedString("value");
    static final SerializedString CURRENCY = new SerializedString("currency");
    static final SerializedString TRAITS = new SerializedString("traits");
    static final SerializedString SOURCE = new SerializedString("source");
    static final SerializedString KIND = new SerializedString("kind");
    static final SerializedString NAME = new SerializedString("name");
    static final SerializedString MESSAGE_ID = new SerializedString("messageId");
    static final SerializedString USER_ID = new SerializedString("userId");
    static final SerializedString ANONYMOUS_ID = new SerializedString("anonymousId");
    static final SerializedString EVENT = new SerializedString("event");
    static final SerializedString PROPERTIES = new SerializedString("properties");
    static final SerializedString PREVIOUS_ID = new SerializedString("previousId");
    static final SerializedString GROUP_ID = new SerializedString("groupId");
    static final SerializedString ORIGINAL_TIMESTAMP = new SerializedString("originalTimestamp");
    static final SerializedString RECEIVED_AT = new SerializedString("receivedAt");
    static final SerializedString CONTEXT = new SerializedString("context");
    static final SerializedString SEALED_TRAITS = new SerializedString("sealedTraits");

    private EventFields() {
    }
}
