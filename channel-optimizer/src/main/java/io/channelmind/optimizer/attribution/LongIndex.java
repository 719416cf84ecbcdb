package io.channelmind.optimizer.attribution;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} keys 0, 1, 2, ... in the order they are first added, in an
 * open-addressing hash table with linear probing. It avoids the boxing of a
 * {@code Map<Long, Integer>} when counting millions of Markov transitions.
 */
final class LongIndex {

    private static final int EMPTY = -1;

    private long[] slotKeys;
    private int[] slotIndexes;
    private long[] keys;
    private int size;

    LongIndex() {
        slotKeys = new long[64];
        slotIndexes = new int[64];
        Arrays.fill(slotIndexes, EMPTY);
        keys = new long[32];
    }

    /** Returns the number of the key, adding it with the next number when it is new. */
    int add(long key) {
        int slot = slotOf(key);
        if (slotIndexes[slot] != EMPTY) {
            return slotIndexes[slot];
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size] = key;
        slotKeys[slot] = key;
        slotIndexes[slot] = size;
        size++;
        if (size * 2 > slotKeys.length) {
            grow();
        }
        return size - 1;
    }

    /** Returns the number of the key, or -1 when it was never added. */
    int indexOf(long key) {
        return slotIndexes[slotOf(key)];
    }

    int size() {
        return size;
    }

    /** Returns the keys in the order they were added, so {@code keys()[indexOf(k)] == k}. */
    long[] keys() {
        return Arrays.copyOf(keys, size);
    }

    private int slotOf(long key) {
        int mask = slotKeys.length - 1;
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (slotIndexes[slot] != EMPTY && slotKeys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        slotKeys = new long[slotKeys.length * 2];
        slotIndexes = new int[slotKeys.length];
        Arrays.fill(slotIndexes, EMPTY);
        for (int index = 0; index < size; index++) {
            int slot = slotOf(keys[index]);
            slotKeys[slot] = keys[index];
            slotIndexes[slot] = index;
        }
    }
}
