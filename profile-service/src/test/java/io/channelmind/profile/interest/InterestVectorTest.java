package io.channelmind.profile.interest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class InterestVectorTest {

    private static final Duration HALF_LIFE = Duration.ofDays(10);
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void weightHalvesEveryHalfLife() {
        InterestVector vector = InterestVector.of(new double[] {1, 0}, 1, T0, HALF_LIFE)
                .plus(new double[] {0, 1}, 1, T0.plus(Duration.ofDays(20)));

        assertArrayEquals(new double[] {0.25, 1}, vector.values(), 1e-12);
        assertEquals(T0.plus(Duration.ofDays(20)), vector.at());
        assertArrayEquals(new double[] {0.2, 0.8}, vector.shares(), 1e-12);
    }

    @Test
    void olderTextIsDecayedToLatest() {
        InterestVector vector = InterestVector.of(new double[] {0, 1}, 2, T0.plus(Duration.ofDays(10)), HALF_LIFE)
                .plus(new double[] {1, 0}, 1, T0);

        assertArrayEquals(new double[] {0.5, 2}, vector.values(), 1e-12);
        assertEquals(T0.plus(Duration.ofDays(10)), vector.at());
    }

    @Test
    void orderDoesNotMatter() {
        double[][] texts = {{0.7, 0.3}, {0.1, 0.9}, {0.5, 0.5}};
        Instant[] times = {T0.plus(Duration.ofDays(3)), T0, T0.plus(Duration.ofHours(40))};
        InterestVector forward = InterestVector.of(texts[0], 1, times[0], HALF_LIFE);
        for (int i = 1; i < texts.length; i++) {
            forward = forward.plus(texts[i], 0.5, times[i]);
        }
        InterestVector backward = InterestVector.of(texts[2], 0.5, times[2], HALF_LIFE)
                .plus(texts[1], 0.5, times[1])
                .plus(texts[0], 1, times[0]);

        assertArrayEquals(forward.values(), backward.values(), 1e-12);
        assertEquals(forward.at(), backward.at());
    }

    @Test
    void mergeAddsDecayedVectors() {
        InterestVector survivor = InterestVector.of(new double[] {1, 0}, 1, T0.plus(Duration.ofDays(10)), HALF_LIFE);
        InterestVector merged = InterestVector.of(new double[] {0, 1}, 1, T0, HALF_LIFE);

        assertArrayEquals(new double[] {1, 0.5}, survivor.merge(merged).values(), 1e-12);
        assertArrayEquals(new double[] {1, 0.5}, merged.merge(survivor).values(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> survivor.merge(InterestVector.of(new double[] {1}, 1, T0, HALF_LIFE)));
    }

    @Test
    void cosineOfZeroVectorIsZero() {
        assertEquals(0, InterestVector.cosine(new double[] {0, 0}, new double[] {1, 0}));
        assertEquals(1, InterestVector.cosine(new double[] {2, 0}, new double[] {1, 0}), 1e-12);
    }
}
