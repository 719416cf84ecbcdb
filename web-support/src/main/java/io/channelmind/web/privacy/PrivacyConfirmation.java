package io.channelmind.web.privacy;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.channelmind.web.crypto.SealedTraits;

/**
 * One message of {@code cm.privacy-confirmations} (schemaVersion 1), keyed by request id: a
 * service finished a privacy request. An erasure fills {@code rowsDeleted} (table → rows). An
 * export fills {@code data} (table → rows as JSON objects), which the publisher moves into
 * {@code sealedData} before it leaves the service and profile-service opens into {@code data}
 * again.
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

    /** Returns the confirmation that {@code service} erased the request's rows. */
    public static PrivacyConfirmation erased(String service, PrivacyRequest request, Map<String, Long> rowsDeleted) {
        return new PrivacyConfirmation(SCHEMA_VERSION, request.requestId() + "/" + service,
                request.requestId(), request.kind(), service, rowsDeleted, null, Instant.now(), null);
    }

    /** Returns the confirmation that {@code service} exported the request's rows, not yet sealed. */
    public static PrivacyConfirmation exported(String service, PrivacyRequest request, Map<String, Object> data) {
        return new PrivacyConfirmation(SCHEMA_VERSION, request.requestId() + "/" + service,
                request.requestId(), request.kind(), service, null, data, Instant.now(), null);
    }

    /** Returns true when the fields a confirmation needs are present. */
    @JsonIgnore
    public boolean isComplete() {
        return requestId != null && service != null && kind != null;
    }

    /** Returns this confirmation with the opened rows in {@code data}. */
    public PrivacyConfirmation withData(Map<String, Object> rows) {
        return new PrivacyConfirmation(schemaVersion, eventId, requestId, kind, service, rowsDeleted, rows, confirmedAt,
                null);
    }

    /** Returns this confirmation with {@code data} replaced by its sealed form. */
    PrivacyConfirmation withSealedData(SealedTraits sealed) {
        return new PrivacyConfirmation(schemaVersion, eventId, requestId, kind, service, rowsDeleted, null, confirmedAt,
                sealed);
    }
}
