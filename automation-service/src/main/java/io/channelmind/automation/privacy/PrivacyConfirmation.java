package io.channelmind.automation.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * One message of {@code cm.privacy-confirmations} (schemaVersion 1): this service finished a
 * privacy request. An erasure fills {@code rowsDeleted} (table → rows), an export fills
 * {@code data} (table → rows as JSON objects).
 */
public record PrivacyConfirmation(
        int schemaVersion,
        String eventId,
        String requestId,
        String kind,
        String service,
        Map<String, Long> rowsDeleted,
        Map<String, Object> data,
        Instant confirmedAt) {

    public static final int SCHEMA_VERSION = 1;

    static PrivacyConfirmation erased(PrivacyRequest request, Map<String, Long> rowsDeleted) {
        return new PrivacyConfirmation(SCHEMA_VERSION, request.requestId() + "/" + PrivacyTopics.SERVICE,
                request.requestId(), request.kind(), PrivacyTopics.SERVICE, rowsDeleted, null, Instant.now());
    }

    static PrivacyConfirmation exported(PrivacyRequest request, Map<String, Object> data) {
        return new PrivacyConfirmation(SCHEMA_VERSION, request.requestId() + "/" + PrivacyTopics.SERVICE,
                request.requestId(), request.kind(), PrivacyTopics.SERVICE, null, data, Instant.now());
    }
}
