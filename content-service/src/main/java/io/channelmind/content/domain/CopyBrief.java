package io.channelmind.content.domain;

import java.util.Optional;

/**
 * What the campaign manager wants to say: the product, the offer, what the reader should do
 * and where. Every fact in a copy (prices, discounts, dates) must come from here. Only
 * {@code product} is required.
 */
public record CopyBrief(String product, String offer, String callToAction, String url) {

    public Optional<String> offerText() {
        return Optional.ofNullable(offer).filter(text -> !text.isBlank());
    }

    public Optional<String> callToActionText() {
        return Optional.ofNullable(callToAction).filter(text -> !text.isBlank());
    }

    public Optional<String> link() {
        return Optional.ofNullable(url).filter(text -> !text.isBlank());
    }

    /** Returns every text of the brief joined by line breaks, for checks that look for facts. */
    public String allText() {
        return String.join("\n", product, offerText().orElse(""), callToActionText().orElse(""), link().orElse(""));
    }
}
