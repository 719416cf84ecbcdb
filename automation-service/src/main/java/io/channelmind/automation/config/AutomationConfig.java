package io.channelmind.automation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of campaign runs, under the {@code automation} prefix. */
@ConfigMapping(prefix = "automation")
public interface AutomationConfig {

    Audience audience();

    Send send();

    Run run();

    Mail mail();

    interface Audience {

        /** Members requested from profile-service per page (profile-service accepts 1 to 1000). */
        @WithDefault("500")
        int pageSize();
    }

    interface Send {

        /** Maximum number of messages in flight at once within one campaign run. */
        @WithDefault("8")
        int concurrency();
    }

    interface Run {

        /** How often a running campaign stores its counts and proves it is alive. */
        @WithDefault("2S")
        Duration heartbeatInterval();

        /**
         * How long a run may go without a heartbeat before it counts as lost (its instance
         * stopped), after which the campaign reads as failed and may be launched again.
         */
        @WithDefault("30S")
        Duration lease();
    }

    interface Mail {

        /** Base of the unsubscribe link; the send token is appended as a path segment. */
        String unsubscribeBaseUrl();

        /** Domain part of the generated {@code Message-ID} headers. */
        @WithDefault("channelmind.local")
        String messageIdDomain();
    }
}
