package io.channelmind.profile.offer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Stores the offer catalogue in {@code offer} and reads it for ranking. */
@ApplicationScoped
public class OfferRepository {

    private static final String UPSERT = """
            insert into offer (offer_id, event_id, kind, status, title, description, category, price, currency,
                               risk_level, prerequisites, valid_from, valid_to, locale, embedding, embedding_model,
                               updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
            on conflict (offer_id) do update set
                event_id = excluded.event_id, kind = excluded.kind, status = excluded.status, title = excluded.title,
                description = excluded.description, category = excluded.category, price = excluded.price,
                currency = excluded.currency, risk_level = excluded.risk_level,
                prerequisites = excluded.prerequisites, valid_from = excluded.valid_from,
                valid_to = excluded.valid_to, locale = excluded.locale, embedding = excluded.embedding,
                embedding_model = excluded.embedding_model, updated_at = now()""";

    private static final String COLUMNS = """
            offer_id, kind, status, title, description, category, price, currency, risk_level, prerequisites,
            valid_from, valid_to, locale, embedding, embedding_model""";

    /** Returns the stored event id of each of the offers that exist with an embedding of {@code model}, by offer id. */
    public Uni<Map<String, String>> eventIds(SqlClient client, Collection<String> offerIds, String model) {
        String sql = "select offer_id, event_id from offer where offer_id = any($1::text[]) and embedding_model = $2";
        return client.preparedQuery(sql)
                .execute(Tuple.of(offerIds.toArray(String[]::new), model))
                .map(rows -> {
                    Map<String, String> ids = new HashMap<>();
                    rows.forEach(row -> ids.put(row.getString(0), row.getString(1)));
                    return ids;
                });
    }

    /** Inserts or replaces one offer with its embedding, made with {@code model}. */
    public Uni<Void> upsert(SqlClient client, OfferEvent offer, double[] embedding, String model) {
        Tuple values = Tuple.tuple();
        values.addString(offer.offerId());
        values.addString(offer.eventId());
        values.addString(offer.kind());
        values.addString(offer.status());
        values.addString(offer.title());
        values.addString(offer.description());
        values.addString(offer.category());
        values.addBigDecimal(offer.price());
        values.addString(offer.currency());
        values.addInteger(offer.riskLevel());
        values.addArrayOfString(offer.prerequisites().toArray(String[]::new));
        values.addOffsetDateTime(offer.validFrom() == null ? null : offer.validFrom().atOffset(ZoneOffset.UTC));
        values.addOffsetDateTime(offer.validTo() == null ? null : offer.validTo().atOffset(ZoneOffset.UTC));
        values.addString(offer.locale());
        values.addArrayOfDouble(embedding == null ? null : Arrays.stream(embedding).boxed().toArray(Double[]::new));
        values.addString(embedding == null ? null : model);
        return client.preparedQuery(UPSERT).execute(values).replaceWithVoid();
    }

    /**
     * Loads every offer, with its embedding when it was made with {@code model}.
     * NOTE: ranking reads the whole catalogue per request. That suits catalogues of thousands of
     * offers, but a larger one needs a candidate query (by kind, validity and category) first.
     */
    public Uni<List<Offer>> all(SqlClient client, String model) {
        return client.query("select " + COLUMNS + " from offer order by offer_id").execute().map(rows -> {
            List<Offer> offers = new ArrayList<>(rows.size());
            rows.forEach(row -> offers.add(read(row, model)));
            return offers;
        });
    }

    /** Returns, per offer id, how many distinct profiles bought it. */
    public Uni<Map<String, Long>> buyers(SqlClient client) {
        String sql = """
                select offer_id, count(distinct profile_key) from profile_offer_activity
                where kind = 'purchase' and offer_id is not null group by offer_id""";
        return client.query(sql).execute().map(rows -> {
            Map<String, Long> buyers = new HashMap<>();
            rows.forEach(row -> buyers.put(row.getString(0), row.getLong(1)));
            return buyers;
        });
    }

    private static Offer read(Row row, String model) {
        Double[] stored = row.getArrayOfDoubles("embedding");
        double[] embedding = null;
        if (stored != null && model.equals(row.getString("embedding_model"))) {
            embedding = Arrays.stream(stored).mapToDouble(Double::doubleValue).toArray();
        }
        String[] prerequisites = row.getArrayOfStrings("prerequisites");
        return new Offer(row.getString("offer_id"), row.getString("kind"), row.getString("status"),
                row.getString("title"), row.getString("description"), row.getString("category"),
                row.getBigDecimal("price"), row.getString("currency"), row.getInteger("risk_level"),
                prerequisites == null ? List.of() : List.of(prerequisites),
                instant(row.getOffsetDateTime("valid_from")), instant(row.getOffsetDateTime("valid_to")),
                row.getString("locale"), embedding);
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
