package io.channelmind.content.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shape of a copy for a channel: an e-mail with subject and body, one SMS, a short social
 * post, or a responsive search ad. Channel names that are not listed get the social format.
 */
public enum ChannelFormat {

    EMAIL,
    SMS,
    SOCIAL,
    SEARCH_AD;

    /** Channel names that automation-service sends through a connector of its own. */
    public static final List<String> KNOWN_CHANNELS = List.of("email", "sms", "cellular", "telephone", "social");

    // `cellular` and `telephone` come from contact-type columns such as the bank-marketing
    // data set. automation-service reaches both through its SMS connector, so their copy must
    // fit one SMS; a longer call script would not.
    private static final Set<String> SMS_CHANNELS = Set.of("sms", "cellular", "telephone");

    /**
     * Channel names of search ads. {@code search} is the channel name that channel-optimizer
     * uses for search spend; content-service writes the ad, but automation-service does not send it.
     */
    public static final List<String> SEARCH_CHANNELS = List.of("search", "search-ads");

    /** Returns the format for a channel name; the name is compared in lower case. */
    public static ChannelFormat forChannel(String channel) {
        String name = channel.toLowerCase(Locale.ROOT);
        if (name.equals("email")) {
            return EMAIL;
        }
        if (SEARCH_CHANNELS.contains(name)) {
            return SEARCH_AD;
        }
        return SMS_CHANNELS.contains(name) ? SMS : SOCIAL;
    }

    /** Social networks with a preset of their own; content-service writes for them, but automation-service does not send. */
    public static final List<String> SOCIAL_NETWORKS = List.of("wechat", "weibo");

    public static boolean isKnownChannel(String channel) {
        String name = channel.toLowerCase(Locale.ROOT);
        return KNOWN_CHANNELS.contains(name) || SOCIAL_NETWORKS.contains(name) || SEARCH_CHANNELS.contains(name);
    }
}
