package io.channelmind.content.domain;

/**
 * A validated request for one copy.
 *
 * @param campaign campaign name for the record, or null; never shown to the model
 * @param segment segment name for the record, or null; never shown to the model
 * @param channel channel name in lower case, as the caller named it
 */
public record CopySpec(String campaign, String segment, String channel, ChannelFormat format, CopyLocale locale,
        CopyBrief brief, AudienceSummary audience) {
}
