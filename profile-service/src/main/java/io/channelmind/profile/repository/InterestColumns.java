package io.channelmind.profile.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.StringJoiner;

import io.channelmind.profile.interest.InterestVector;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The interest columns of the profile table as parallel arrays for a batch upsert, and their
 * reading. Each vector travels as a PostgreSQL array literal in a text array, because unnest
 * flattens a two-dimensional array. Double.toString keeps every bit, so a vector reads back equal.
 */
public final class InterestColumns {

    private final String[] vectors;
    private final OffsetDateTime[] times;
    private final String[] models;
    private final String modelVersion;

    InterestColumns(int size, String modelVersion) {
        vectors = new String[size];
        times = new OffsetDateTime[size];
        models = new String[size];
        this.modelVersion = modelVersion;
    }

    void set(int i, InterestVector interests) {
        if (interests == null) {
            return;
        }
        StringJoiner literal = new StringJoiner(",", "{", "}");
        for (double value : interests.values()) {
            literal.add(Double.toString(value));
        }
        vectors[i] = literal.toString();
        times[i] = interests.at().atOffset(ZoneOffset.UTC);
        models[i] = modelVersion;
    }

    /** Returns the arrays in the order of the upsert's parameters $27 to $29. */
    List<Object> arrays() {
        return List.of(vectors, times, models);
    }

    /**
     * Reads the vector of a row, or null when the profile has none or it was made with another
     * model version, whose labels or scale differ.
     * NOTE: a vector of another model version is dropped on read and rebuilt only from later
     * texts. After changing the anchors or models, replay cm.customer-events into an empty database.
     */
    public static InterestVector read(Row row, String modelVersion, Duration halfLife) {
        Double[] stored = row.getArrayOfDoubles("interest_vector");
        if (stored == null || !modelVersion.equals(row.getString("interest_model"))) {
            return null;
        }
        double[] values = new double[stored.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = stored[i];
        }
        return new InterestVector(values, row.getOffsetDateTime("interest_at").toInstant(), halfLife);
    }
}
