package io.channelmind.automation.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.channelmind.web.egress.EgressHttpClient;

/**
 * Sends SMS through any provider's HTTP API described by configuration: the URL, an optional
 * authentication header and a body template whose placeholders {@code {{to}}},
 * {@code {{from}}}, {@code {{text}}} and {@code {{key}}} are filled with JSON-escaped (format
 * {@code json}) or URL-encoded (format {@code form}) values. Any 2xx is success, unless the
 * response matches the configured {@code rejected-number} settings: a listed status code, or a
 * listed value of a JSON body field. Such a response rejects the recipient's number like
 * Twilio's errors 21211 and 21614, so it is not retried, and a journey send puts the number on
 * the do-not-contact list.
 */
@Singleton
public class GenericSmsConnector extends HttpConnector {

    private final ConnectorsConfig.Sms sms;
    private final ConnectorsConfig.Generic settings;

    public GenericSmsConnector(ConnectorsConfig config, EgressHttpClient egress) {
        super("sms", "generic-sms", config.sms().generic(), egress);
        this.sms = config.sms();
        this.settings = config.sms().generic();
    }

    @Override
    String configKey() {
        return "sms.generic";
    }

    @Override
    Optional<String> missingSetting() {
        if (!sms.provider().equals("generic")) {
            return Optional.of("generic-sms connector is disabled because automation.connectors.sms.provider is "
                    + sms.provider());
        }
        if (!settings.format().equals("json") && !settings.format().equals("form")) {
            return Optional.of("generic-sms connector is disabled because automation.connectors.sms.generic.format is '"
                    + settings.format() + "'; set it to json or form");
        }
        return RejectedNumbers.invalidSetting(settings.rejectedNumber())
                .map(invalid -> "generic-sms connector is disabled because " + invalid);
    }

    /** Returns the request body for a message, with every placeholder replaced. */
    public String body(OutgoingMessage message) {
        UnaryOperator<String> escape = settings.format().equals("json")
                ? value -> new String(JsonStringEncoder.getInstance().quoteAsString(value))
                : value -> URLEncoder.encode(value, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{{to}}", message.to() == null ? "" : message.to());
        values.put("{{from}}", settings.from().orElse(""));
        values.put("{{text}}", message.text());
        values.put("{{key}}", message.key().value());

        String body = settings.bodyTemplate();
        for (Map.Entry<String, String> placeholder : values.entrySet()) {
            body = body.replace(placeholder.getKey(), escape.apply(placeholder.getValue()));
        }
        return body;
    }

    @Override
    public DeliveryResult attempt(OutgoingMessage message) {
        if (message.to() == null || message.to().isBlank()) {
            return new DeliveryResult.PermanentFailure("recipient " + message.key().recipient() + " has no phone number");
        }
        String contentType = settings.format().equals("json") ? "application/json" : "application/x-www-form-urlencoded";
        Map<String, String> headers = settings.authHeader().isPresent() && settings.authValue().isPresent()
                ? Map.of(settings.authHeader().get(), settings.authValue().get())
                : Map.of();
        RejectedNumbers rejected = RejectedNumbers.of(settings.rejectedNumber());
        return http.post(url(), contentType, headers, body(message), response -> new DeliveryResult.Sent(null, 1),
                rejected::rejects);
    }
}
