package io.channelmind.profile.offer;

import java.util.List;

/** The kinds of offer in the catalogue, as {@code cm.offers} names them. */
public final class OfferKind {

    public static final String PRODUCT = "product";
    public static final String PROMOTION = "promotion";
    public static final String FINANCIAL = "financial";
    public static final String COURSE = "course";
    public static final List<String> ALL = List.of(PRODUCT, PROMOTION, FINANCIAL, COURSE);

    private OfferKind() {
    }

    public static boolean isKnown(String kind) {
        return ALL.contains(kind);
    }
}
