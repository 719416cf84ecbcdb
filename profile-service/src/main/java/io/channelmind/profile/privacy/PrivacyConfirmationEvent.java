package io.channelmind.profile.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * One message of {@code cm.privacy-confirmations} (schemaVersion 1), keyed by request id: a
 * service finished a privacy request. An erasure fills {@code rowsDeleted} (table → rows), an
 * export fills {@code data} (table → rows as JSON objects).
 */
public record PrivacyConfirmationEvent(
        int schemaVersion,
        String eventId,
        String requestId,
        String kind,
        String service,
        Map<String, Long> rowsDeleted,
        Map<String, Object> data,
        Instant confirmedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Returns true when the fields a confirmation needs are present. */
    public boolean isComplete() {
        return requestId != null && service != null && kind != null;
    }
}
