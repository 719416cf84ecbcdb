package io.channelmind.content.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a social post per network: its length, how it writes hashtags and how many,
 * and whether it may carry a link.
 *
 * NOTE: the lengths are editorial defaults, not platform maxima. Weibo shows the first 140
 * characters of a post and folds the rest behind 全文, and a WeChat Moments post folds after
 * about six lines, so longer text is seldom read.
 */
public enum SocialPreset {

    /** WeChat Moments or a service-account text: no hashtags, since WeChat does not link them. */
    WECHAT("wechat", 200, HashtagStyle.NONE, 0),
    /** Weibo: a topic is written between two hash signs, as in {@code #春季理财#}. */
    WEIBO("weibo", 140, HashtagStyle.ENCLOSED, 3),
    /** Any other network: a hashtag is {@code #word} and the post fits the 280 characters of X. */
    GENERIC("social", 280, HashtagStyle.PREFIXED, 3);

    private static final Pattern ENCLOSED_TAG = Pattern.compile("#[^#\\s][^#\\n]{0,30}#");
    private static final Pattern PREFIXED_TAG = Pattern.compile("(?<![\\w&/])#[\\p{L}\\p{N}_]+");
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private final String channel;
    private final int maxLength;
    private final HashtagStyle hashtagStyle;
    private final int maxHashtags;

    SocialPreset(String channel, int maxLength, HashtagStyle hashtagStyle, int maxHashtags) {
        this.channel = channel;
        this.maxLength = maxLength;
        this.hashtagStyle = hashtagStyle;
        this.maxHashtags = maxHashtags;
    }

    /** Returns the preset named by a channel; every name other than wechat and weibo gets {@link #GENERIC}. */
    public static SocialPreset forChannel(String channel) {
        String name = channel.toLowerCase(Locale.ROOT);
        for (SocialPreset preset : values()) {
            if (preset.channel.equals(name)) {
                return preset;
            }
        }
        return GENERIC;
    }

    public String channel() {
        return channel;
    }

    /** Maximum length in code points, the link included. */
    public int maxLength() {
        return maxLength;
    }

    public int maxHashtags() {
        return maxHashtags;
    }

    /** Returns the rules as prompt lines, the same ones that {@link #violations} checks. */
    public String describe() {
        String hashtags = switch (hashtagStyle) {
            case NONE -> "no hashtags (no # sign)";
            case ENCLOSED -> "at most " + maxHashtags + " topics, each written between two hash signs like #话题#";
            case PREFIXED -> "at most " + maxHashtags + " hashtags written like #topic";
        };
        return "at most " + maxLength + " characters with the link included, " + hashtags + ", and at most one link";
    }

    /** Returns one sentence per broken rule of this network; empty when the post fits. */
    public List<String> violations(String body) {
        List<String> violations = new ArrayList<>();
        int length = ChannelRules.characters(body);
        if (length > maxLength) {
            violations.add("The post has " + length + " characters; a " + channel + " post holds at most " + maxLength + ".");
        }
        int links = count(LINK, body);
        if (links > 1) {
            violations.add("The post contains " + links + " links; use at most one, the brief's link.");
        }
        switch (hashtagStyle) {
            case NONE -> {
                if (body.indexOf('#') >= 0) {
                    violations.add("The post contains a # sign; " + channel + " posts take no hashtags, remove it.");
                }
            }
            case ENCLOSED -> {
                int tags = count(ENCLOSED_TAG, body);
                String rest = ENCLOSED_TAG.matcher(body).replaceAll("");
                if (rest.indexOf('#') >= 0) {
                    violations.add("The post contains a # sign outside a topic; write each topic as #topic# with both signs.");
                }
                if (tags > maxHashtags) {
                    violations.add("The post has " + tags + " topics; use at most " + maxHashtags + ".");
                }
            }
            case PREFIXED -> {
                int tags = count(PREFIXED_TAG, LINK.matcher(body).replaceAll(" "));
                if (tags > maxHashtags) {
                    violations.add("The post has " + tags + " hashtags; use at most " + maxHashtags + ".");
                }
            }
        }
        return violations;
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private enum HashtagStyle {
        NONE,
        ENCLOSED,
        PREFIXED
    }
}
