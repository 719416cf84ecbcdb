package io.channelmind.profile.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One message of {@code cm.offers} (schemaVersion 1), read tolerantly: unknown fields are ignored
 * and {@link #isComplete()} decides whether the offer can be stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfferEvent(
        Integer schemaVersion,
        String eventId,
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
        String locale) {

    public OfferEvent {
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
    }

    /** Returns whether the fields that ranking needs are present and the kind and status are known. */
    public boolean isComplete() {
        return notBlank(eventId) && notBlank(offerId) && notBlank(title) && OfferKind.isKnown(kind)
                && (Offer.ACTIVE.equals(status) || Offer.WITHDRAWN.equals(status));
    }

    /** Returns the text that is embedded, the same as {@link Offer#embeddingText()}. */
    public String embeddingText() {
        return Offer.embeddingText(title, description);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
