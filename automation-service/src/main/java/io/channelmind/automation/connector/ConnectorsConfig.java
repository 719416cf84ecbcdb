package io.channelmind.automation.connector;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the non-e-mail connectors ({@code automation.connectors.*}). No URL has a
 * default: a connector whose URL is unset is disabled, and its sends are skipped with a
 * reason, so no default configuration sends traffic anywhere.
 */
@ConfigMapping(prefix = "automation.connectors")
public interface ConnectorsConfig {

    Slack slack();

    WeCom wecom();

    DingTalk dingtalk();

    Webhook webhook();

    Sms sms();

    /** Settings every HTTP connector has. */
    interface Endpoint {

        /** Webhook or API URL; unset disables the connector. */
        Optional<URI> url();

        /** Time limit of one request, connecting included. */
        @WithDefault("10S")
        Duration timeout();

        RateLimit rateLimit();

        Retry retry();
    }

    /** Token bucket: {@code burst} requests at once, then {@code per-second} on average. */
    interface RateLimit {

        @WithDefault("10")
        double burst();

        @WithDefault("10")
        double perSecond();
    }

    interface Retry {

        /** Requests per message, the first one included. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("500MS")
        Duration initialBackoff();

        @WithDefault("30S")
        Duration maxBackoff();

        /** Longest {@code Retry-After} the connector waits for; a longer one fails the send as retryable. */
        @WithDefault("60S")
        Duration maxRetryAfter();
    }

    interface Slack extends Endpoint {
    }

    /** WeCom group robot; the URL contains the robot's {@code key}. */
    interface WeCom extends Endpoint {

        /** {@code text} or {@code markdown}. */
        @WithDefault("text")
        String msgtype();
    }

    /** DingTalk custom robot; the URL contains the {@code access_token}. */
    interface DingTalk extends Endpoint {

        /** Signing secret ({@code SEC...}); when set, requests carry {@code timestamp} and {@code sign}. */
        Optional<String> secret();

        /** {@code text} or {@code markdown}. */
        @WithDefault("text")
        String msgtype();
    }

    /** Generic webhook signed with HMAC-SHA256. */
    interface Webhook extends Endpoint {

        /** Shared signing secret; required when the URL is set. */
        Optional<String> secret();
    }

    interface Sms {

        /** SMS provider that sends: {@code generic} or {@code twilio}. */
        @WithDefault("generic")
        String provider();

        Generic generic();

        Twilio twilio();
    }

    /** SMS through any HTTP API, described by a body template. */
    interface Generic extends Endpoint {

        /** {@code json} or {@code form}: how placeholder values are escaped and the Content-Type. */
        @WithDefault("json")
        String format();

        /** Body with the placeholders {{to}}, {{from}}, {{text}} and {{key}}. */
        @WithDefault("{\"to\":\"{{to}}\",\"from\":\"{{from}}\",\"text\":\"{{text}}\",\"reference\":\"{{key}}\"}")
        String bodyTemplate();

        /** Name of the authentication header, such as {@code Authorization}. */
        Optional<String> authHeader();

        /** Value of the authentication header, such as {@code Bearer <token>}. */
        Optional<String> authValue();

        Optional<String> from();

        /** Responses that reject the recipient's number. */
        RejectedNumber rejectedNumber();
    }

    /**
     * Responses of a generic SMS API that mean the recipient's number is invalid or unreachable.
     * Such a response is a permanent failure that puts the number on the do-not-contact list.
     */
    interface RejectedNumber {

        /** HTTP status codes that reject the number, such as 422. */
        Optional<List<Integer>> statuses();

        /** JSON Pointer (RFC 6901) to a field of the response body, such as {@code /error/code}. */
        Optional<String> field();

        /** Values of {@code field} that reject the number, compared as text, such as {@code INVALID_NUMBER}. */
        Optional<List<String>> values();
    }

    /** Twilio Programmable Messaging (Messages API, 2010-04-01). */
    interface Twilio extends Endpoint {

        Optional<String> accountSid();

        Optional<String> authToken();

        /** Sender number in E.164; ignored when {@code messaging-service-sid} is set. */
        Optional<String> from();

        Optional<String> messagingServiceSid();
    }
}
