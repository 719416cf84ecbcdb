package io.channelmind.content.learning;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Assigns a recipient to a variant deterministically: the SHA-256 of the campaign and the
 * recipient key gives a point in [0, 1), and the variant whose cumulative traffic share covers
 * that point wins. The same recipient gets the same variant as long as the shares stay the same.
 */
public final class VariantAssignment {

    private VariantAssignment() {
    }

    /** Returns the index of the variant for a recipient; the shares must sum to about 1. */
    public static int assign(String campaign, String recipientKey, List<Double> shares) {
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("No variants to assign to");
        }
        double point = unitPoint(campaign + "\u0000" + recipientKey);
        double cumulative = 0;
        for (int i = 0; i < shares.size(); i++) {
            cumulative += shares.get(i);
            if (point < cumulative) {
                return i;
            }
        }
        // Rounding can leave the sum just under 1; the last variant takes that rest.
        return shares.size() - 1;
    }

    /** Maps a key to [0, 1) with the top 53 bits of its SHA-256. */
    static double unitPoint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
