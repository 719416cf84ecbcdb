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
     * Records each event once and adds the new ones to the copies' send, click and conversion
     * counts in one statement. An event id seen before is skipped, and so is a copy id that
     * names no copy.
     */
    private static final String COUNT_DELIVERIES = """
            WITH incoming AS (
                SELECT DISTINCT ON (d.event_id) d.event_id, d.copy_id, d.outcome
                FROM jsonb_to_recordset(CAST(CAST(:deliveries AS text) AS jsonb))
                    AS d(event_id text, copy_id uuid, outcome text)
            ), counted AS (
                INSERT INTO counted_delivery (event_id, copy_id, outcome)
                SELECT i.event_id, i.copy_id, i.outcome FROM incoming i
                WHERE EXISTS (SELECT 1 FROM copy_variant c WHERE c.id = i.copy_id)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING copy_id, outcome
            )
            UPDATE copy_variant c SET sends = c.sends + n.deliveries, clicks = c.clicks + n.clicks,
                conversions = c.conversions + n.conversions
            FROM (SELECT copy_id,
                    count(*) FILTER (WHERE outcome = 'delivered') AS deliveries,
                    count(*) FILTER (WHERE outcome = 'clicked') AS clicks,
                    count(*) FILTER (WHERE outcome = 'converted') AS conversions
                  FROM counted GROUP BY copy_id) n
            WHERE c.id = n.copy_id
            """;

    private final ObjectMapper json;

    public CopyVariantRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Counts deliveries, clicks and conversions; must run inside a transaction.
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

    /**
     * One outcome of a copy, named by the event that reported it.
     *
     * @param outcome {@code delivered}, {@code clicked} or {@code converted}
     */
    public record Delivery(@JsonProperty("event_id") String eventId,
            @JsonProperty("copy_id") UUID copyId, @JsonProperty("outcome") String outcome) {
    }

    /**
     * Returns the copies that may go into fine-tuning data: approved ones, and every copy of a
     * campaign in which some copy converted, since a winner needs its rivals for comparison.
     */
    public Uni<List<CopyVariant>> findTrainingCandidates() {
        return find("""
                approved = true or campaign in (select c.campaign from CopyVariant c where c.conversions > 0)
                order by createdAt, id""").list();
    }

    /** Returns the copies of a campaign for one channel, and for one segment unless it is null, oldest first. */
    public Uni<List<CopyVariant>> findVariants(String campaign, String segment, String channel) {
        if (segment == null) {
            return find("campaign = ?1 and channel = ?2 order by createdAt, id", campaign, channel).list();
        }
        return find("campaign = ?1 and segment = ?2 and channel = ?3 order by createdAt, id", campaign, segment, channel).list();
    }
}
