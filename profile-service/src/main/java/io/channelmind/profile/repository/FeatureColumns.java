package io.channelmind.profile.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.channelmind.profile.domain.Features;
import io.vertx.mutiny.sqlclient.Row;

/** The feature columns of the profile table as parallel arrays for a batch upsert, and their reading. */
final class FeatureColumns {

    private final Long[] purchases;
    private final Long[] cancellations;
    private final Long[] returns;
    private final String[] monetary;
    private final OffsetDateTime[] firstPurchases;
    private final OffsetDateTime[] lastPurchases;
    private final String[] firstChannels;
    private final OffsetDateTime[] firstContacts;
    private final String[] engagement;
    private final JsonColumns json;

    FeatureColumns(int size, JsonColumns json) {
        purchases = new Long[size];
        cancellations = new Long[size];
        returns = new Long[size];
        monetary = new String[size];
        firstPurchases = new OffsetDateTime[size];
        lastPurchases = new OffsetDateTime[size];
        firstChannels = new String[size];
        firstContacts = new OffsetDateTime[size];
        engagement = new String[size];
        this.json = json;
    }

    void set(int i, Features features) {
        purchases[i] = features.purchases();
        cancellations[i] = features.cancellations();
        returns[i] = features.returns();
        monetary[i] = features.monetary().toPlainString();
        firstPurchases[i] = utc(features.firstPurchaseAt());
        lastPurchases[i] = utc(features.lastPurchaseAt());
        firstChannels[i] = features.firstChannel();
        firstContacts[i] = utc(features.firstContactAt());
        engagement[i] = json.write(Map.of("hours", features.engagementHours(), "weekdays",
                features.engagementWeekdays()));
    }

    /** Returns the arrays in the order of the upsert's parameters $18 to $26. */
    List<Object> arrays() {
        return List.of(purchases, cancellations, returns, monetary, firstPurchases, lastPurchases, firstChannels,
                firstContacts, engagement);
    }

    static Features read(Row row, JsonColumns json) {
        Map<String, Object> engagement = json.readObject(row.getString("engagement"));
        return new Features(row.getLong("purchases"), row.getLong("cancellations"), row.getLong("returns"),
                row.getBigDecimal("monetary"), instant(row, "first_purchase_at"), instant(row, "last_purchase_at"),
                row.getString("first_channel"), instant(row, "first_contact_at"),
                counts(engagement.get("hours"), Features.HOURS), counts(engagement.get("weekdays"), Features.WEEKDAYS));
    }

    private static long[] counts(Object stored, int size) {
        long[] counts = new long[size];
        if (stored instanceof List<?> list) {
            for (int i = 0; i < Math.min(size, list.size()); i++) {
                counts[i] = list.get(i) instanceof Number number ? number.longValue() : 0;
            }
        }
        return counts;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
