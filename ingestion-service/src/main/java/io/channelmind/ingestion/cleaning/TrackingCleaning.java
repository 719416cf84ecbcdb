package io.channelmind.ingestion.cleaning;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.config.IngestionConfig;

/**
 * The cleaning rules applied to tracking calls: e-mail normalisation with its hash, and the
 * channel taxonomy. Unmapped values are counted for the life of the service, because tracking
 * calls have no import job to report them in.
 */
@ApplicationScoped
public class TrackingCleaning {

    private final ChannelTaxonomy taxonomy;
    private final CleaningStats stats = new CleaningStats();

    public TrackingCleaning(IngestionConfig config) {
        IngestionConfig.Channels channels = config.cleaning().channels();
        this.taxonomy = new ChannelTaxonomy(channels.mediums(), channels.clickIds(), channels.searchDomains(),
                channels.socialDomains());
    }

    /**
     * Counts of unmapped values and invalid e-mail addresses since the service started.
     * TODO: no endpoint or metric exposes these counts yet.
     */
    public Map<String, Object> stats() {
        return stats.snapshot();
    }

    /**
     * Returns the traits with {@code email} in its normal form and {@code emailSha256} added. An
     * invalid e-mail address is kept as sent and counted as {@code invalidEmail}, never dropped.
     */
    public Map<String, Object> cleanTraits(Map<String, Object> traits) {
        if (!(traits.get("email") instanceof String email)) {
            return traits;
        }
        Map<String, Object> cleaned = new LinkedHashMap<>(traits);
        EmailAddresses.normalise(email).ifPresentOrElse(normalised -> {
            cleaned.put("email", normalised);
            cleaned.put("emailSha256", IdentityHash.sha256(normalised));
        }, () -> stats.count("invalidEmail"));
        return cleaned;
    }

    /**
     * Returns the channel of a call from {@code context.campaign}, {@code context.page.referrer} and
     * the click ids in {@code context.page.url}, or null when the call carries none of them.
     */
    public String channel(JsonNode context) {
        JsonNode campaign = context.path("campaign");
        String source = text(campaign.path("source"));
        String medium = text(campaign.path("medium"));
        String referrer = text(context.path("page").path("referrer"));
        Set<String> clickIds = clickIds(text(context.path("page").path("url")));
        if (source == null && medium == null && referrer == null && clickIds.isEmpty()) {
            return null;
        }
        return taxonomy.classify(source, medium, referrer, clickIds, stats);
    }

    private Set<String> clickIds(String url) {
        Set<String> names = new LinkedHashSet<>();
        if (url == null) {
            return names;
        }
        String query;
        try {
            query = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return names;
        }
        if (query == null) {
            return names;
        }
        for (String parameter : query.split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            if (taxonomy.isClickId(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
