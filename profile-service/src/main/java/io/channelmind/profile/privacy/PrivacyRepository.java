package io.channelmind.profile.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.profile.repository.ContactPointColumns;
import io.channelmind.web.audit.AuditSubjects;
import io.channelmind.web.privacy.PrivacyConfirmation;
import io.channelmind.web.privacy.PrivacyRequest;
import io.channelmind.web.privacy.SchemaCatalog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads, exports and erases a person's rows, and stores privacy requests and their confirmations. */
@ApplicationScoped
public class PrivacyRepository {

    private static final String IDENTITIES = """
            select kind, value from profile_identity where profile_key = $1 order by kind, value""";

    // Delivery event ids end with "/<profileKey>" or contain "/<profileKey>/<status>" (docs/events.md).
    private static final String ERASE_PROCESSED_DELIVERIES = """
            delete from processed_event e using unnest($1::text[]) as k(key)
            where e.topic = 'cm.deliveries'
              and (right(e.event_id, length(k.key) + 1) = '/' || k.key or strpos(e.event_id, '/' || k.key || '/') > 0)""";

    private static final String INSERT_REQUEST = """
            insert into privacy_request (request_id, kind, status, profile_keys, identity_hashes, requested_at)
            values ($1, $2, 'pending', $3, $4, $5)""";

    private static final String INSERT_CONFIRMATION = """
            insert into privacy_confirmation (request_id, service, rows_deleted, data, confirmed_at)
            select $1, $2, $3, $4, $5 where exists (select 1 from privacy_request where request_id = $1)
            on conflict (request_id, service) do nothing""";

    // Completes the request once every service has confirmed. An erasure clears the person's
    // identifiers at that point; an export keeps them so that a later erasure finds and deletes it.
    private static final String COMPLETE = """
            update privacy_request r set status = 'completed', completed_at = $3,
                   profile_keys = case when r.kind = 'erasure' then '{}' else r.profile_keys end,
                   identity_hashes = case when r.kind = 'erasure' then '{}' else r.identity_hashes end
            where r.request_id = $1 and r.status = 'pending'
              and (select count(distinct c.service) from privacy_confirmation c
                   where c.request_id = r.request_id and c.service = any($2)) = cardinality($2)""";

    private final ContactPointColumns contactPoints;
    private final AuditSubjects auditSubjects;

    public PrivacyRepository(ContactPointColumns contactPoints, AuditSubjects auditSubjects) {
        this.contactPoints = contactPoints;
        this.auditSubjects = auditSubjects;
    }

    /** A person's profile keys and the hashes of their e-mail addresses and phone numbers. */
    public record Person(List<String> profileKeys, List<String> identityHashes) {
    }

    /** A stored request with the services that confirmed it. */
    public record StoredRequest(UUID requestId, String kind, String status, Instant requestedAt, Instant completedAt,
            Map<String, Confirmation> confirmations) {
    }

    /** One service's confirmation: rows deleted per table for an erasure, rows found per table for an export. */
    public record Confirmation(Map<String, Object> rowsDeleted, Map<String, Object> data, Instant confirmedAt) {
    }

    /** Returns the identities of the profile as a person, the profile key itself included. */
    public Uni<Person> person(SqlClient client, String profileKey) {
        return client.preparedQuery(IDENTITIES).execute(Tuple.of(profileKey)).map(rows -> {
            List<String> keys = new ArrayList<>(List.of(profileKey));
            List<String> hashes = new ArrayList<>();
            for (Row row : rows) {
                String value = row.getString(1);
                if ("profileKey".equals(row.getString(0))) {
                    if (!keys.contains(value)) {
                        keys.add(value);
                    }
                } else {
                    hashes.add(value);
                }
            }
            return new Person(List.copyOf(keys), List.copyOf(hashes));
        });
    }

    /** Returns the person's rows of every table that has a profile_key column, and the merge history. */
    public Uni<Map<String, Object>> export(SqlClient client, Person person) {
        String[] keys = person.profileKeys().toArray(String[]::new);
        Map<String, Object> data = new LinkedHashMap<>();
        return PersonTables.find(client)
                .chain(tables -> Multi.createFrom().iterable(tables).onItem().transformToUniAndConcatenate(table ->
                        rowsAsJson(client, "select to_jsonb(t) from " + SchemaCatalog.quoted(table)
                                + " t where t.profile_key = any($1)", keys)
                                .invoke(rows -> data.put(table, rows)))
                        .collect().last())
                .chain(() -> rowsAsJson(client, "select to_jsonb(m) from profile_merge m "
                        + "where m.surviving_key = any($1) or m.merged_key = any($1) order by m.id", keys))
                .map(merges -> {
                    data.put("profile_merge", merges);
                    return data;
                });
    }

    /**
     * Deletes the person from every table this service owns and returns the rows deleted per
     * table. Export requests for the person go too, because their confirmations hold copies of
     * the person's data; {@code erasureId}, the erasure being run, stays. The person's audit
     * pseudonyms go as well, with an {@code erased} audit entry for each, so their audit entries
     * stay but no longer lead to them.
     */
    public Uni<Map<String, Long>> erase(SqlClient client, Person person, UUID erasureId) {
        String[] keys = person.profileKeys().toArray(String[]::new);
        Map<String, Long> deleted = new LinkedHashMap<>();
        return PersonTables.find(client)
                .chain(tables -> Multi.createFrom().iterable(tables).onItem().transformToUniAndConcatenate(table ->
                        count(client, "delete from " + SchemaCatalog.quoted(table) + " where profile_key = any($1)",
                                Tuple.of((Object) keys)).invoke(rows -> deleted.put(table, rows)))
                        .collect().last())
                .chain(() -> count(client, "delete from profile_merge where surviving_key = any($1) or merged_key = any($1)",
                        Tuple.of((Object) keys)).invoke(rows -> deleted.put("profile_merge", rows)))
                .chain(() -> count(client, ERASE_PROCESSED_DELIVERIES, Tuple.of((Object) keys))
                        .invoke(rows -> deleted.put("processed_event", rows)))
                .chain(() -> count(client, "delete from privacy_request where request_id <> $2 "
                        + "and (profile_keys && $1 or identity_hashes && $3)",
                        Tuple.of(keys, erasureId, person.identityHashes().toArray(String[]::new)))
                        .invoke(rows -> deleted.put("privacy_request", rows)))
                .chain(() -> auditSubjects.erase(client, person.profileKeys())
                        .invoke(rows -> deleted.put("audit_subject", rows)))
                .replaceWith(deleted);
    }

    /** Stores a new pending request. */
    public Uni<Void> insertRequest(SqlClient client, PrivacyRequest request) {
        return client.preparedQuery(INSERT_REQUEST).execute(Tuple.from(List.of(UUID.fromString(request.requestId()),
                request.kind(), request.profileKeys().toArray(String[]::new),
                request.identityHashes().toArray(String[]::new), utc(request.requestedAt())))).replaceWithVoid();
    }

    /**
     * Stores a service's confirmation unless the service already confirmed or the request is
     * unknown (erased, or sent by another deployment), then completes the request if every
     * service in {@code services} has confirmed. Returns true when this call completed it.
     */
    public Uni<Boolean> confirm(SqlClient client, PrivacyConfirmation confirmation, List<String> services,
            Instant now) {
        UUID requestId = UUID.fromString(confirmation.requestId());
        JsonObject rowsDeleted = new JsonObject(confirmation.rowsDeleted() == null ? Map.of()
                : new LinkedHashMap<>(confirmation.rowsDeleted()));
        JsonObject data = confirmation.data() == null ? new JsonObject()
                : JsonObject.mapFrom(confirmation.data());
        Instant confirmedAt = confirmation.confirmedAt() == null ? now : confirmation.confirmedAt();
        return client.preparedQuery(INSERT_CONFIRMATION).execute(Tuple.of(requestId, confirmation.service(),
                rowsDeleted, data, utc(confirmedAt)))
                .chain(() -> client.preparedQuery(COMPLETE).execute(Tuple.of(requestId,
                        services.toArray(String[]::new), utc(now))))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Returns the request with its confirmations, or empty when it is unknown. */
    public Uni<Optional<StoredRequest>> find(SqlClient client, UUID requestId) {
        String request = "select kind, status, requested_at, completed_at from privacy_request where request_id = $1";
        String confirmations = "select service, rows_deleted, data, confirmed_at from privacy_confirmation "
                + "where request_id = $1 order by service";
        return client.preparedQuery(request).execute(Tuple.of(requestId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<StoredRequest>empty());
            }
            Row row = rows.iterator().next();
            return client.preparedQuery(confirmations).execute(Tuple.of(requestId)).map(found -> {
                Map<String, Confirmation> byService = new LinkedHashMap<>();
                for (Row confirmation : found) {
                    String service = confirmation.getString(0);
                    Map<String, Object> data = confirmation.getJsonObject(2).getMap();
                    byService.put(service, new Confirmation(confirmation.getJsonObject(1).getMap(),
                            PrivacyService.SERVICE.equals(service) ? readable(data) : data,
                            confirmation.getOffsetDateTime(3).toInstant()));
                }
                OffsetDateTime completedAt = row.getOffsetDateTime(3);
                return Optional.of(new StoredRequest(requestId, row.getString(0), row.getString(1),
                        row.getOffsetDateTime(2).toInstant(), completedAt == null ? null : completedAt.toInstant(),
                        byService));
            });
        });
    }

    // profile-service's own export is stored with the contact points encrypted, as in the profile
    // table, and decrypted only for the response, so no copy of them is kept in clear text.
    @SuppressWarnings("unchecked")
    private Map<String, Object> readable(Map<String, Object> data) {
        if (data.get("profile") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof JsonObject json) {
                    contactPoints.decryptExported(json.getMap());
                } else if (row instanceof Map<?, ?> map) {
                    contactPoints.decryptExported((Map<String, Object>) map);
                }
            }
        }
        return data;
    }

    private static Uni<List<Object>> rowsAsJson(SqlClient client, String sql, String[] keys) {
        return client.preparedQuery(sql).execute(Tuple.of((Object) keys)).map(rows -> {
            List<Object> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(((JsonObject) row.getValue(0)).getMap());
            }
            return found;
        });
    }

    private static Uni<Long> count(SqlClient client, String sql, Tuple parameters) {
        return client.preparedQuery(sql).execute(parameters).map(rows -> (long) rows.rowCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
