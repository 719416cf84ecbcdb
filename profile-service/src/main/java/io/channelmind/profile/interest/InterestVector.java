package io.channelmind.profile.interest;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A profile's time-decayed interest vector: for each anchor label, the sum over the profile's
 * texts of weight × share of the label × 2^(−age / half-life), where the age of a text is
 * measured to {@link #at()}, the time of the latest text. Decay scales every component by the
 * same factor, so the label {@link #shares()} only change when a text is added, and the
 * vector is the same whatever order its texts arrive in (up to rounding).
 */
public final class InterestVector {

    private final double[] values;
    private final Instant at;
    private final Duration halfLife;

    public InterestVector(double[] values, Instant at, Duration halfLife) {
        this.values = values.clone();
        this.at = at;
        this.halfLife = halfLife;
    }

    /** Returns the vector of one text seen at {@code seenAt}: its distribution times {@code weight}. */
    public static InterestVector of(double[] distribution, double weight, Instant seenAt, Duration halfLife) {
        return new InterestVector(scaled(distribution, weight), seenAt, halfLife);
    }

    /** Returns the raw components, decayed to {@link #at()}. */
    public double[] values() {
        return values.clone();
    }

    /** Returns the time of the latest text, which the components are decayed to. */
    public Instant at() {
        return at;
    }

    public int size() {
        return values.length;
    }

    /**
     * Returns this vector with {@code distribution} added with {@code weight} for a text seen at
     * {@code seenAt}. A text older than {@link #at()} is decayed to it, and a newer one moves
     * {@code at} forward and decays the existing components.
     */
    public InterestVector plus(double[] distribution, double weight, Instant seenAt) {
        return merge(of(distribution, weight, seenAt, halfLife));
    }

    /**
     * Returns the sum of both vectors, decayed to the later of their times with this vector's
     * half-life (for merged profiles).
     */
    public InterestVector merge(InterestVector other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("Interest vectors of " + values.length + " and " + other.values.length
                    + " labels cannot be merged");
        }
        Instant later = at.isAfter(other.at) ? at : other.at;
        double own = decay(Duration.between(at, later), halfLife);
        double theirs = decay(Duration.between(other.at, later), halfLife);
        double[] sum = new double[values.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = values[i] * own + other.values[i] * theirs;
        }
        return new InterestVector(sum, later, halfLife);
    }

    /** Returns each label's share of the vector's total, zeros when the total is zero. */
    public double[] shares() {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        double[] shares = new double[values.length];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = total > 0 ? values[i] / total : 0;
        }
        return shares;
    }

    /** Returns the cosine similarity of two vectors of the same length, 0 when either is all zeros. */
    public static double cosine(double[] a, double[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    /** Returns 2^(−age / halfLife). */
    static double decay(Duration age, Duration halfLife) {
        double ageSeconds = age.getSeconds() + age.getNano() / 1e9;
        double halfLifeSeconds = halfLife.getSeconds() + halfLife.getNano() / 1e9;
        return Math.pow(2, -ageSeconds / halfLifeSeconds);
    }

    private static double[] scaled(double[] vector, double factor) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = vector[i] * factor;
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InterestVector vector && vector.at.equals(at) && Arrays.equals(vector.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * at.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "InterestVector" + Arrays.toString(values) + "@" + at;
    }
}
