package io.channelmind.content.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.CopyVariant;
import io.channelmind.content.domain.ResponsiveSearchAd;

/**
 * A stored copy as the API returns it.
 *
 * @param generator {@code template} or {@code llm}
 * @param model model name when {@code generator} is {@code llm}, else null
 * @param subject e-mail subject, null for other channels
 * @param searchAd headlines, descriptions and display paths of a search ad, whose body lists them; null for other channels
 * @param placeholders names of the {@code {{name}}} placeholders that the sender fills in
 * @param warnings findings for the reviewer, each starting with a reason code and a colon
 * @param sends deliveries counted from {@code cm.deliveries}
 * @param clicks clicks counted from {@code cm.deliveries}
 * @param conversions conversions counted from {@code cm.deliveries}
 * @param approved whether a reviewer approved the copy
 */
public record CopyView(UUID copyId, String generator, String model, String channel, String locale, String subject,
        String body, ResponsiveSearchAd searchAd, List<String> placeholders, List<String> warnings, String campaign, String segment, long sends,
        long clicks, long conversions, boolean approved, Instant createdAt) {

    static CopyView of(CopyVariant variant) {
        return new CopyView(variant.id, variant.generator, variant.model, variant.channel, variant.locale, variant.subject,
                variant.body, searchAd(variant), List.of(variant.placeholders), List.of(variant.warnings), variant.campaign, variant.segment, variant.sends,
                variant.clicks, variant.conversions, variant.approved, variant.createdAt);
    }

    private static ResponsiveSearchAd searchAd(CopyVariant variant) {
        return ChannelFormat.forChannel(variant.channel) == ChannelFormat.SEARCH_AD ? ResponsiveSearchAd.fromBody(variant.body) : null;
    }
}
