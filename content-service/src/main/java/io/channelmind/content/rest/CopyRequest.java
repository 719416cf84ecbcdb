package io.channelmind.content.rest;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/copy}. {@link CopyRequestValidator} checks it, so every
 * field may arrive null here.
 *
 * @param locale {@code en} (the default) or {@code zh-CN}
 * @param maxSmsSegments segments an SMS may take, 1 (the default) to 10
 * @param brand a brand configured under {@code channelmind.content.brands}, whose rules apply
 * @param industry {@code finance} or {@code education}, whose extra restricted terms apply
 * @param variant variant number, 1 (the default) to 10; the model writes a different wording for each number
 * @param variants number of variants to write, 1 to 10, only for {@code POST /api/v1/copy/variants}
 */
public record CopyRequest(String campaign, String segment, String channel, String locale, Brief brief,
        Audience audience, Integer maxSmsSegments, String brand, String industry, Integer variant, Integer variants) {

    /** The content of the message; only {@code product} is required. */
    public record Brief(String product, String offer, String callToAction, String url) {
    }

    /** Aggregate figures about the audience, such as {@code conversionRate}; never personal data. */
    public record Audience(Long size, Map<String, Object> features) {
    }
}
