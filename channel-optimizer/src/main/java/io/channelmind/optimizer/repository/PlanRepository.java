package io.channelmind.optimizer.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.optimizer.allocation.AllocationPlan;
import io.channelmind.optimizer.allocation.AllocationRequest;
import io.channelmind.optimizer.plan.StoredPlan;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stores budget plans as JSON documents and reads them back. */
@ApplicationScoped
public class PlanRepository {

    private static final String INSERT = """
            insert into budget_plan (id, name, status, request, plan)
            values (:id, :name, 'proposed', cast(cast(:request as text) as jsonb), cast(cast(:plan as text) as jsonb))
            returning created_at
            """;

    private static final String SELECT = """
            select id, name, status, cast(request as text), cast(plan as text), created_at, accepted_at
            from budget_plan where id = :id
            """;

    private static final String ACCEPT = """
            update budget_plan set status = 'accepted', accepted_at = now()
            where id = :id and status = 'proposed'
            returning accepted_at
            """;

    private static final String LIST = """
            select id, name, status, created_at from budget_plan order by created_at desc, id limit :limit
            """;

    /** A plan in a listing, without its request and result. */
    public record PlanSummary(UUID id, String name, String status, OffsetDateTime createdAt) {
    }

    private final ObjectMapper json;

    public PlanRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Inserts a proposed plan and returns it with its creation time. */
    public Uni<StoredPlan> insert(String name, AllocationRequest request, AllocationPlan plan) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT, Object.class)
                        .setParameter("id", id)
                        .setParameter("name", name)
                        .setParameter("request", write(request))
                        .setParameter("plan", write(plan))
                        .getSingleResult())
                .map(created -> new StoredPlan(id, name, StoredPlan.PROPOSED, request, plan, timestamp(created), null));
    }

    /** Returns the plan, or null when no plan has the id. */
    public Uni<StoredPlan> find(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(SELECT, Object[].class)
                        .setParameter("id", id)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : read(rows.get(0)));
    }

    /** Returns the newest plans first, at most {@code limit}. */
    public Uni<List<PlanSummary>> list(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LIST, Object[].class)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new PlanSummary((UUID) row[0], (String) row[1], (String) row[2], timestamp(row[3])))
                        .toList());
    }

    /** Marks a proposed plan accepted and returns the time, or null when it was not proposed (missing or accepted). */
    public Uni<OffsetDateTime> accept(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ACCEPT, Object.class)
                        .setParameter("id", id)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : timestamp(rows.get(0)));
    }

    private StoredPlan read(Object[] row) {
        try {
            return new StoredPlan((UUID) row[0], (String) row[1], (String) row[2],
                    json.readValue((String) row[3], AllocationRequest.class),
                    json.readValue((String) row[4], AllocationPlan.class),
                    timestamp(row[5]), row[6] == null ? null : timestamp(row[6]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored plan " + row[0] + " is not readable JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to write a plan as JSON", e);
        }
    }

    private static OffsetDateTime timestamp(Object value) {
        return StoredDocuments.timestamp(value);
    }
}
