package io.channelmind.automation.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.web.egress.EgressHttpClient;

/**
 * Sends SMS through Twilio's Messages API (version 2010-04-01): a form POST of {@code To},
 * {@code Body} and {@code From} or {@code MessagingServiceSid} to
 * {@code <url>/2010-04-01/Accounts/<AccountSid>/Messages.json}, authenticated with HTTP Basic
 * (account SID and auth token). Twilio responds 201 with the message {@code sid}; 400 (such as
 * error 21211, invalid {@code To}) is permanent and 429 is retried. The URL has no default;
 * production sets {@code https://api.twilio.com}.
 *
 * <p>Errors 21211 (invalid {@code To} number) and 21614 ({@code To} is not a valid mobile number)
 * in Twilio's error dictionary (https://www.twilio.com/docs/api/errors) reject the recipient's
 * number, so they are reported as an address rejection, the SMS form of a hard bounce.
 */
@Singleton
public class TwilioSmsConnector extends HttpConnector {

    // NOTE: the failure reason carries only the start of the response body (HttpSender's excerpt),
    // so a code placed after a long message is not found and the failure stays a plain one.
    private static final Pattern REJECTED_NUMBER = Pattern.compile("\"code\"\\s*:\\s*(21211|21614)\\b");

    private final ConnectorsConfig.Sms sms;
    private final ConnectorsConfig.Twilio settings;

    public TwilioSmsConnector(ConnectorsConfig config, EgressHttpClient egress) {
        super("sms", "twilio", config.sms().twilio(), egress);
        this.sms = config.sms();
        this.settings = config.sms().twilio();
    }

    @Override
    String configKey() {
        return "sms.twilio";
    }

    @Override
    Optional<String> missingSetting() {
        if (!sms.provider().equals("twilio")) {
            return Optional.of("twilio connector is disabled because automation.connectors.sms.provider is "
                    + sms.provider());
        }
        if (settings.accountSid().isEmpty() || settings.authToken().isEmpty()) {
            return Optional.of("twilio connector is disabled because automation.connectors.sms.twilio.account-sid"
                    + " or auth-token is not set");
        }
        if (settings.from().isEmpty() && settings.messagingServiceSid().isEmpty()) {
            return Optional.of("twilio connector is disabled because neither automation.connectors.sms.twilio.from"
                    + " nor messaging-service-sid is set");
        }
        return Optional.empty();
    }

    /** Returns the form fields of the request in Twilio's parameter names. */
    public Map<String, String> form(OutgoingMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        if (settings.messagingServiceSid().isPresent()) {
            form.put("MessagingServiceSid", settings.messagingServiceSid().get());
        } else {
            form.put("From", settings.from().orElseThrow());
        }
        form.put("Body", message.text());
        return form;
    }

    @Override
    public DeliveryResult attempt(OutgoingMessage message) {
        if (message.to() == null || message.to().isBlank()) {
            return new DeliveryResult.PermanentFailure("recipient " + message.key().recipient() + " has no phone number");
        }
        String accountSid = settings.accountSid().orElseThrow();
        String base = url().toString().replaceAll("/+$", "");
        URI endpoint = URI.create(base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        String credentials = Base64.getEncoder()
                .encodeToString((accountSid + ":" + settings.authToken().orElseThrow()).getBytes(StandardCharsets.UTF_8));
        String body = form(message).entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        DeliveryResult result = http.post(endpoint, "application/x-www-form-urlencoded",
                Map.of("Authorization", "Basic " + credentials), body,
                response -> new DeliveryResult.Sent(sid(response.body()), 1));
        if (result instanceof DeliveryResult.PermanentFailure failure && REJECTED_NUMBER.matcher(failure.reason()).find()) {
            return new DeliveryResult.PermanentFailure(failure.reason(), true);
        }
        return result;
    }

    private static String sid(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("sid").asText(null);
        } catch (Exception e) {
            return null;
        }
    }
}
