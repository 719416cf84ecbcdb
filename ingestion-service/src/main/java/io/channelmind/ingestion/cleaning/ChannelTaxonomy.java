package io.channelmind.ingestion.cleaning;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.channelmind.ingestion.config.IngestionConfig;

/**
 * Maps UTM parameters, referrers and ad click ids to ChannelMind's channel list. The rules, in
 * order (the first that applies wins):
 * <ol>
 * <li>{@code utm_medium} through the medium table; the value {@code paid} there means
 * {@code social_paid} when {@code utm_source} is a social network and {@code search_ads} otherwise;</li>
 * <li>a click id through the click-id table ({@code gclid} means search ads, {@code ttclid} paid social, and so on);</li>
 * <li>{@code utm_source} alone: a social network is {@code social_organic}, a search engine
 * {@code organic_search}, otherwise {@code referral};</li>
 * <li>the referrer's host: a search engine is {@code organic_search}, a social network
 * {@code social_organic}, any other host {@code referral};</li>
 * <li>nothing at all is {@code direct}.</li>
 * </ol>
 * A {@code utm_medium} that the table does not contain maps to {@code other} and is recorded as
 * unmapped, so that a user can add a rule; it is never dropped.
 */
public final class ChannelTaxonomy {

    /** The channel list every import and tracking call is mapped to. */
    public static final Set<String> CHANNELS = Set.of("search_ads", "organic_search", "social_paid", "social_organic",
            "email", "sms", "push", "display", "affiliate", "referral", "direct", "offline", "other");

    private static final String PAID = "paid";

    private final Map<String, String> mediums;
    private final Map<String, String> clickIds;
    private final List<String> searchDomains;
    private final List<String> socialDomains;

    /**
     * @param mediums channel (or {@code paid}) by lower-case utm_medium
     * @param clickIds channel by click-id parameter name, such as gclid
     * @param searchDomains second-level names of search engines, such as google or baidu
     * @param socialDomains second-level names of social networks, such as facebook or weibo
     */
    public ChannelTaxonomy(Map<String, String> mediums, Map<String, String> clickIds, List<String> searchDomains,
            List<String> socialDomains) {
        this.mediums = lowerCaseKeys(mediums);
        this.clickIds = lowerCaseKeys(clickIds);
        this.searchDomains = searchDomains.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        this.socialDomains = socialDomains.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        mediums.values().forEach(ChannelTaxonomy::checkChannel);
        clickIds.values().forEach(ChannelTaxonomy::checkChannel);
    }

    /**
     * Returns the channel of one visit or event.
     *
     * @param clickIdNames names of the click-id parameters present, such as gclid
     * @param stats receives unmapped values
     */
    public String classify(String source, String medium, String referrer, Set<String> clickIdNames, CleaningStats stats) {
        String normalisedSource = blankToNull(source);
        String normalisedMedium = blankToNull(medium);
        if (normalisedMedium != null) {
            String channel = mediums.get(normalisedMedium);
            if (channel == null) {
                stats.unmapped("utm_medium", normalisedMedium);
                return "other";
            }
            if (PAID.equals(channel)) {
                return normalisedSource != null && matches(normalisedSource, socialDomains) ? "social_paid" : "search_ads";
            }
            return channel;
        }
        for (String name : clickIdNames) {
            String channel = clickIds.get(name.toLowerCase(Locale.ROOT));
            if (channel != null) {
                return channel;
            }
        }
        if (normalisedSource != null) {
            return byName(normalisedSource);
        }
        String host = host(referrer);
        return host == null ? "direct" : byName(host);
    }

    /** Builds the taxonomy from the configured rules. */
    public static ChannelTaxonomy of(IngestionConfig.Channels channels) {
        return new ChannelTaxonomy(channels.mediums(), channels.clickIds(), channels.searchDomains(),
                channels.socialDomains());
    }

    /** Returns a taxonomy with empty tables, which maps no utm_medium and no click id. */
    public static ChannelTaxonomy withoutRules() {
        return new ChannelTaxonomy(Map.of(), Map.of(), List.of(), List.of());
    }

    /** Returns the names of the configured click ids among the query parameters of a URL; none for an invalid URL. */
    public Set<String> clickIdsIn(String url) {
        Set<String> names = new LinkedHashSet<>();
        if (url == null) {
            return names;
        }
        String query;
        try {
            query = URI.create(url.strip()).getRawQuery();
        } catch (IllegalArgumentException e) {
            return names;
        }
        if (query == null) {
            return names;
        }
        for (String parameter : query.split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            if (isClickId(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Returns whether a parameter name is one of the configured click ids. */
    public boolean isClickId(String parameter) {
        return clickIds.containsKey(parameter.toLowerCase(Locale.ROOT));
    }

    private String byName(String name) {
        if (matches(name, searchDomains)) {
            return "organic_search";
        }
        return matches(name, socialDomains) ? "social_organic" : "referral";
    }

    /** Matches {@code google}, {@code google.com}, {@code www.google.co.uk} and {@code m.facebook.com} against the names. */
    private static boolean matches(String name, List<String> domains) {
        for (String domain : domains) {
            if (name.equals(domain) || name.startsWith(domain + ".") || name.contains("." + domain + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String host(String referrer) {
        String text = blankToNull(referrer);
        if (text == null) {
            return null;
        }
        try {
            String host = URI.create(text).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> map) {
        Map<String, String> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(key.strip().toLowerCase(Locale.ROOT), value.strip()));
        return copy;
    }

    private static void checkChannel(String channel) {
        if (!CHANNELS.contains(channel) && !PAID.equals(channel)) {
            throw new IllegalArgumentException("'" + channel + "' is not a channel; use one of "
                    + String.join(", ", new TreeSet<>(CHANNELS)) + " or paid");
        }
    }
}
