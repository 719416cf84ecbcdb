package io.channelmind.content.repository;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.domain.CopyVariant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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

    private static final String INSERT = """
            INSERT INTO copy_variant (id, campaign, segment, channel, locale, generator, model, subject, body, placeholders,
                warnings, product, offer, call_to_action, url, audience_size, audience_features, sends, clicks, conversions,
                approved, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)""";

    private final ObjectMapper json;
    private final Pool pool;

    public CopyVariantRepository(ObjectMapper json, Pool pool) {
        this.json = json;
        this.pool = pool;
    }

    /**
     * Inserts new copies with one SQL statement each, several copies in one transaction. This
     * bypasses the Hibernate session, which cost more CPU per copy than the insert itself under
     * load; the row is the one {@code persist} would write.
     */
    public Uni<Void> insert(List<CopyVariant> variants) {
        if (variants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (CopyVariant variant : variants) {
            rows.add(row(variant));
        }
        if (rows.size() == 1) {
            return pool.preparedQuery(INSERT).execute(rows.get(0)).replaceWithVoid();
        }
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(rows)).replaceWithVoid();
    }

    private static Tuple row(CopyVariant variant) {
        return Tuple.tuple()
                .addValue(variant.id).addValue(variant.campaign).addValue(variant.segment).addValue(variant.channel)
                .addValue(variant.locale).addValue(variant.generator).addValue(variant.model).addValue(variant.subject)
                .addValue(variant.body).addValue(variant.placeholders).addValue(variant.warnings).addValue(variant.product)
                .addValue(variant.offer).addValue(variant.callToAction).addValue(variant.url).addValue(variant.audienceSize)
                .addValue(variant.audienceFeatures == null ? new JsonObject() : new JsonObject(variant.audienceFeatures))
                .addValue(variant.sends).addValue(variant.clicks).addValue(variant.conversions).addValue(variant.approved)
                .addValue(variant.createdAt.atOffset(ZoneOffset.UTC));
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
