package io.channelmind.ingestion.cleaning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.ingestion.config.IngestionConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The cleaning rules applied to tracking calls: e-mail normalisation with its hash, and the
 * channel taxonomy. Their counts cover the life of this service instance, because tracking
 * calls have no import job to report them in. Each count is also the Micrometer counter
 * {@code channelmind.ingestion.tracking.cleaning} with the count's name as tag {@code rule}.
 */
@ApplicationScoped
public class TrackingCleaning {

    /** The Micrometer counter of every cleaning rule that changed or could not map a tracking call. */
    public static final String METRIC = "channelmind.ingestion.tracking.cleaning";

    private final ChannelTaxonomy taxonomy;
    private final CleaningStats stats;

    public TrackingCleaning(IngestionConfig config, MeterRegistry meters) {
        this.taxonomy = ChannelTaxonomy.of(config.cleaning().channels());
        this.stats = new CleaningStats(rule -> meters.counter(METRIC, "rule", rule).increment());
    }

    /**
     * Returns the counts since this instance started, as {@link CleaningStats#snapshot}: how
     * often each rule applied, and the unmapped values, such as each utm_medium without a channel
     * rule, with their counts.
     */
    public Map<String, Object> stats() {
        return stats.snapshot();
    }

    /** Counts one application of a rule that has no value to list, such as {@code normalisedId}. */
    public void count(String rule) {
        stats.count(rule);
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
     * Returns the channel of a call from the string fields {@code context.campaign.source} and
     * {@code .medium}, {@code context.page.referrer} and the click ids in {@code context.page.url},
     * or null when the call carries none of them. Null and blank values count as absent.
     */
    public String channel(String campaignSource, String campaignMedium, String pageReferrer, String pageUrl) {
        String source = nonBlank(campaignSource);
        String medium = nonBlank(campaignMedium);
        String referrer = nonBlank(pageReferrer);
        Set<String> clickIds = taxonomy.clickIdsIn(nonBlank(pageUrl));
        if (source == null && medium == null && referrer == null && clickIds.isEmpty()) {
            return null;
        }
        return taxonomy.classify(source, medium, referrer, clickIds, stats);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
