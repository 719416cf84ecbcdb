package io.channelmind.automation.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of campaign runs, under the {@code automation} prefix. */
@ConfigMapping(prefix = "automation")
public interface AutomationConfig {

    Audience audience();

    Send send();

    Run run();

    Mail mail();

    Feedback feedback();

    FrequencyCap frequencyCap();

    Outbox outbox();

    QuietHoursSettings quietHours();

    interface Audience {

        /** Members requested from profile-service per page (profile-service accepts 1 to 1000). */
        @WithDefault("500")
        int pageSize();
    }

    interface Send {

        /** Maximum number of messages that one instance's drainer has in flight at once. */
        @WithDefault("8")
        int concurrency();

        /**
         * Maximum rows of the send outbox that one claim of the drainer takes. With
         * automation.mail.rate-limit.per-second set, a claim takes at most what the rate limit
         * lets out in half the lease.
         */
        @WithDefault("500")
        int batchSize();

        /**
         * How long a claimed row belongs to its instance. When it ends, another instance may
         * send the row. A batch is claimed while a quarter of the batch before it still waits, so
         * the lease must exceed the time that one and a quarter batches take to send.
         */
        @WithDefault("60S")
        Duration lease();

        /** How long the drainer waits after a round, which ends with a claim of less than a full batch. */
        @WithDefault("500MS")
        Duration pollInterval();
    }

    interface Run {

        /** How often a running campaign stores its counts and proves it is alive. */
        @WithDefault("2S")
        Duration heartbeatInterval();

        /**
         * How long a launch that is filling the send outbox may go without a heartbeat before it
         * counts as lost (its instance stopped), after which another instance takes the fill over.
         */
        @WithDefault("30S")
        Duration lease();

        /** How often an instance looks for scheduled campaigns that are due and for lost fills. */
        @WithDefault("5S")
        Duration sweepInterval();
    }

    interface Mail {

        /** Base of the unsubscribe link; the send token is appended as a path segment. */
        String unsubscribeBaseUrl();

        /** Domain part of the generated {@code Message-ID} headers. */
        @WithDefault("channelmind.local")
        String messageIdDomain();

        RateLimit rateLimit();
    }

    /**
     * Token bucket of the e-mail connector in one instance: {@code burst} messages at once, then
     * {@code per-second} on average. Without {@code per-second} only automation.send.concurrency
     * limits the messages.
     */
    interface RateLimit {

        Optional<Double> perSecond();

        @WithDefault("10")
        double burst();
    }

    interface Feedback {

        /**
         * Base64 HMAC-SHA256 key (at least 32 bytes) that signs unsubscribe, open and click
         * links. Unset means a random key per process, so links stop working after a restart.
         */
        Optional<String> signingKey();

        /** Base of the open pixel and click links, such as https://mail.example.com/api/v1/feedback. */
        @WithDefault("http://127.0.0.1:8085/api/v1/feedback")
        String trackingBaseUrl();

        /** Mailbox of the mailto form of List-Unsubscribe. */
        @WithDefault("unsubscribe@channelmind.local")
        String unsubscribeMailbox();

        /** How long an unsubscribe link stays valid after the send; CAN-SPAM requires at least 30 days. */
        @WithDefault("P60D")
        Duration unsubscribeValidity();
    }

    /**
     * Rolling-window limits on the messages one address receives, counted over sent messages of
     * all campaigns. A maximum of 0 turns the limit off.
     */
    interface FrequencyCap {

        /** Maximum messages to one address on one channel within {@link #channelWindow()}. */
        @WithDefault("3")
        int channelMax();

        @WithDefault("P7D")
        Duration channelWindow();

        /** Maximum messages to one address on all channels together within {@link #totalWindow()}. */
        @WithDefault("5")
        int totalMax();

        @WithDefault("P7D")
        Duration totalWindow();
    }

    interface Outbox {

        /** How often the relay looks for cm.deliveries events to publish. */
        @WithDefault("500MS")
        Duration pollInterval();

        /** Maximum events the relay publishes in one transaction. */
        @WithDefault("500")
        int batchSize();
    }

    /**
     * Daily quiet hours in each recipient's own time zone, as local times such as 21:00 and
     * 08:00. Equal times turn quiet hours off.
     */
    interface QuietHoursSettings {

        @WithDefault("21:00")
        LocalTime start();

        @WithDefault("08:00")
        LocalTime end();

        /** Time zone of recipients whose profile has no valid IANA time zone. */
        @WithDefault("UTC")
        ZoneId defaultZone();
    }
}
