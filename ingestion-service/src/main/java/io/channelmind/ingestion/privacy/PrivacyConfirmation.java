package io.channelmind.ingestion.privacy;

import java.time.Instant;
import java.util.Map;

import io.channelmind.web.crypto.SealedTraits;

/**
 * One message of {@code cm.privacy-confirmations} (schemaVersion 1): this service finished a
 * privacy request. An erasure fills {@code rowsDeleted} (table → rows). An export fills
 * {@code data} (table → rows as JSON objects), which the publisher moves into
 * {@code sealedData} before it leaves the service.
 */
public record PrivacyConfirmation(
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

    static PrivacyConfirmation erased(PrivacyRequest request, Map<String, Long> rowsDeleted) {
        return new PrivacyConfirmation(SCHEMA_VERSION, request.requestId() + "/" + PrivacyTopics.SERVICE,
                request.requestId(), request.kind(), PrivacyTopics.SERVICE, rowsDeleted, null, Instant.now(), null);
    }

    static PrivacyConfirmation exported(PrivacyRequest request, Map<String, Object> data) {
        return new PrivacyConfirmation(SCHEMA_VERSION, request.requestId() + "/" + PrivacyTopics.SERVICE,
                request.requestId(), request.kind(), PrivacyTopics.SERVICE, null, data, Instant.now(), null);
    }

    /** Returns this confirmation with {@code data} replaced by its sealed form. */
    PrivacyConfirmation withSealedData(SealedTraits sealed) {
        return new PrivacyConfirmation(schemaVersion, eventId, requestId, kind, service, rowsDeleted, null, confirmedAt,
                sealed);
    }
}
