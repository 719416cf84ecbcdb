package io.channelmind.content.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.domain.CopyVariant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Stores copies and counts their deliveries. */
@ApplicationScoped
public class CopyVariantRepository implements PanacheRepositoryBase<CopyVariant, UUID> {

    /**
     * Records each delivery once and adds the new ones to the copies' send counts in one
     * statement. An event id seen before is skipped, and so is a copy id that names no copy.
     */
    private static final String COUNT_DELIVERIES = """
            WITH incoming AS (
                SELECT DISTINCT ON (d.event_id) d.event_id, d.copy_id
                FROM jsonb_to_recordset(CAST(CAST(:deliveries AS text) AS jsonb)) AS d(event_id text, copy_id uuid)
            ), counted AS (
                INSERT INTO counted_delivery (event_id, copy_id)
                SELECT i.event_id, i.copy_id FROM incoming i
                WHERE EXISTS (SELECT 1 FROM copy_variant c WHERE c.id = i.copy_id)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING copy_id
            )
            UPDATE copy_variant c SET sends = c.sends + n.deliveries
            FROM (SELECT copy_id, count(*) AS deliveries FROM counted GROUP BY copy_id) n
            WHERE c.id = n.copy_id
            """;

    private final ObjectMapper json;

    public CopyVariantRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Counts deliveries; must run inside a transaction.
     *
     * @return the number of copies whose send count changed
     */
    public Uni<Integer> countDeliveries(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String parameter;
        try {
            parameter = json.writeValueAsString(deliveries);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return getSession().flatMap(session -> session.createNativeQuery(COUNT_DELIVERIES)
                .setParameter("deliveries", parameter)
                .executeUpdate());
    }

    /** One delivery of a copy, named by the event that reported it. */
    public record Delivery(@JsonProperty("event_id") String eventId,
            @JsonProperty("copy_id") UUID copyId) {
    }
}
