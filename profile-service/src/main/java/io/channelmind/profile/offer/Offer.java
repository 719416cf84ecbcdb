package io.channelmind.profile.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An offer as stored, with its embedding: the distribution of its title and description over the
 * interest labels, comparable with profile interest vectors whatever the language.
 *
 * @param validTo the end of the validity window, exclusive; null when the offer does not end
 * @param embedding null when the offer has not been embedded with the current model version
 */
public record Offer(
        String offerId,
        String kind,
        String status,
        String title,
        String description,
        String category,
        BigDecimal price,
        String currency,
        Integer riskLevel,
        List<String> prerequisites,
        Instant validFrom,
        Instant validTo,
        String locale,
        double[] embedding) {

    public static final String ACTIVE = "active";
    public static final String WITHDRAWN = "withdrawn";

    /** Returns the text that is embedded: the title, and the description when there is one. */
    public String embeddingText() {
        return embeddingText(title, description);
    }

    static String embeddingText(String title, String description) {
        return description == null || description.isBlank() ? title : title + "\n" + description;
    }

    public Offer withEmbedding(double[] values) {
        return new Offer(offerId, kind, status, title, description, category, price, currency, riskLevel,
                prerequisites, validFrom, validTo, locale, values);
    }
}
