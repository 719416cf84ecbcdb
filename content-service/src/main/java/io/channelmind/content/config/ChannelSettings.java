package io.channelmind.content.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * Per-channel settings from configuration, for example
 * {@code channelmind.content.channels.weibo.model=ft:gpt-4o-mini:acme:weibo:abc123}.
 */
@ConfigMapping(prefix = "channelmind.content.channels")
public interface ChannelSettings {

    /** Channel name in lower case, as requests spell it, to its settings. */
    @WithParentName
    Map<String, Channel> channels();

    interface Channel {

        /** Model that writes this channel's copy, such as a fine-tuned model; unset means the configured model. */
        Optional<String> model();
    }
}
