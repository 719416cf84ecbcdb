package io.channelmind.profile.privacy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.channelmind.profile.privacy.PrivacyRepository.StoredRequest;
import io.channelmind.web.privacy.PrivacyRequest;

/** An export or erasure request and how far the services have got with it. */
public record PrivacyRequestView(
        String requestId,
        @Schema(description = "export or erasure") String kind,
        @Schema(description = "pending until every service in 'services' has confirmed, then completed") String status,
        Instant requestedAt,
        Instant completedAt,
        @Schema(description = "Every service that must confirm") List<String> services,
        @Schema(description = "Services that have not confirmed yet") List<String> missingServices,
        @Schema(description = "Erasure only: rows deleted per service and table") Map<String, Object> rowsDeleted,
        @Schema(description = "Export only: the rows each service stores about the person, per service and table")
        Map<String, Object> data) {

    static PrivacyRequestView from(StoredRequest request, List<String> services) {
        boolean erasure = PrivacyRequest.ERASURE.equals(request.kind());
        Map<String, Object> perService = new LinkedHashMap<>();
        request.confirmations().forEach((service, confirmation) ->
                perService.put(service, erasure ? confirmation.rowsDeleted() : confirmation.data()));
        List<String> missing = services.stream().filter(service -> !request.confirmations().containsKey(service)).toList();
        return new PrivacyRequestView(request.requestId().toString(), request.kind(), request.status(),
                request.requestedAt(), request.completedAt(), services, missing,
                erasure ? perService : null, erasure ? null : perService);
    }
}
