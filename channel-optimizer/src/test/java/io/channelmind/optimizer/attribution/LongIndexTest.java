package io.channelmind.optimizer.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LongIndexTest {

    @Test
    void numbersKeysInInsertionOrder() {
        LongIndex index = new LongIndex();

        assertEquals(0, index.add(0L));
        assertEquals(1, index.add(-5L));
        assertEquals(2, index.add(Long.MAX_VALUE));
        assertEquals(1, index.add(-5L));

        assertEquals(3, index.size());
        assertEquals(2, index.indexOf(Long.MAX_VALUE));
        assertEquals(-1, index.indexOf(7L));
        assertArrayEquals(new long[] {0L, -5L, Long.MAX_VALUE}, index.keys());
    }

    @Test
    void matchesHashMapAcrossGrowth() {
        LongIndex index = new LongIndex();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(3);

        for (int i = 0; i < 200_000; i++) {
            // Multiples of 1,024 collide in the low bits, which the hash must spread.
            long key = random.nextInt(50_000) * 1_024L;
            int number = index.add(key);
            Integer previous = expected.putIfAbsent(key, expected.size());
            assertEquals(previous == null ? expected.size() - 1 : previous, number, "number of key " + key);
        }

        assertEquals(expected.size(), index.size());
        for (Map.Entry<Long, Integer> entry : expected.entrySet()) {
            assertEquals(entry.getValue().intValue(), index.indexOf(entry.getKey()), "key " + entry.getKey());
        }
    }
}
