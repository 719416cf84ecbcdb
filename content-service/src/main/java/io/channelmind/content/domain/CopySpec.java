package io.channelmind.content.domain;

/**
 * A validated request for one copy.
 *
 * @param campaign campaign name for the record, or null; never shown to the model
 * @param segment segment name for the record, or null; never shown to the model
 * @param channel channel name in lower case, as the caller named it
 */
public record CopySpec(String campaign, String segment, String channel, ChannelFormat format, CopyLocale locale,
        CopyBrief brief, AudienceSummary audience, CopyOptions options) {

    /** A request with {@link CopyOptions#defaults()}. */
    public CopySpec(String campaign, String segment, String channel, ChannelFormat format, CopyLocale locale,
            CopyBrief brief, AudienceSummary audience) {
        this(campaign, segment, channel, format, locale, brief, audience, CopyOptions.defaults());
    }

    /** Returns this request with another variant number. */
    public CopySpec withVariant(int number) {
        CopyOptions variantOptions = new CopyOptions(options.maxSmsSegments(), options.brand(), options.industry(), number);
        return new CopySpec(campaign, segment, channel, format, locale, brief, audience, variantOptions);
    }
}
