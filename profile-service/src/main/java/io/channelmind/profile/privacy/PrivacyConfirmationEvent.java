package io.channelmind.profile.privacy;

import java.time.Instant;
import java.util.Map;

import io.channelmind.web.crypto.SealedTraits;

/**
 * One message of {@code cm.privacy-confirmations} (schemaVersion 1), keyed by request id: a
 * service finished a privacy request. An erasure fills {@code rowsDeleted} (table → rows). An
 * export carries its rows (table → rows as JSON objects) in {@code sealedData}, which the
 * consumer opens into {@code data}.
 */
public record PrivacyConfirmationEvent(
        int schemaVersion,
        String eventId,
        String requestId,
        String kind,
        String service,
        Map<String, Long> rowsDeleted,
        Map<String, Object> data,
        Instant confirmedAt,
        SealedTraits sealedData) {

    public static final int SCHEMA_VERSION = 1;

    /** Returns true when the fields a confirmation needs are present. */
    public boolean isComplete() {
        return requestId != null && service != null && kind != null;
    }

    /** Returns this confirmation with the opened rows in {@code data}. */
    PrivacyConfirmationEvent withData(Map<String, Object> rows) {
        return new PrivacyConfirmationEvent(schemaVersion, eventId, requestId, kind, service, rowsDeleted, rows,
                confirmedAt, null);
    }
}
