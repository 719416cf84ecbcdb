package io.channelmind.web.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of a service's audit log: who did what to which entity, with the entity as it was
 * before and after the change. {@code before} is null for a creation and {@code after} for a
 * deletion; both are redacted by {@link AuditRedaction} before they are stored. {@code subject}
 * is the pseudonym of the data subject the entry is about, or null for an entry about no person.
 */
public record AuditEntry(long id, Instant time, String actor, List<String> actorRoles, String action,
        String entityType, String entityId, String subject, JsonNode before, JsonNode after, String requestId) {
}
