package io.channelmind.automation.connector;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.egress.EgressResponse;

/**
 * Recognises the responses of a generic SMS API that reject the recipient's number, from the
 * configured status codes and the configured values of one JSON body field.
 */
final class RejectedNumbers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "automation.connectors.sms.generic.rejected-number.";

    private final Set<Integer> statuses;
    private final JsonPointer field;
    private final Set<String> values;

    private RejectedNumbers(Set<Integer> statuses, JsonPointer field, Set<String> values) {
        this.statuses = statuses;
        this.field = field;
        this.values = values;
    }

    /**
     * Returns why the settings are invalid, or empty when they are valid: a status outside 100 to
     * 599, a field that is not a JSON Pointer, or a field without values or values without a field.
     */
    static Optional<String> invalidSetting(ConnectorsConfig.RejectedNumber settings) {
        for (int status : settings.statuses().orElse(List.of())) {
            if (status < 100 || status > 599) {
                return Optional.of(PREFIX + "statuses contains " + status + "; use HTTP status codes from 100 to 599");
            }
        }
        if (settings.field().isPresent() != settings.values().isPresent()) {
            return Optional.of(PREFIX + (settings.field().isPresent() ? "field is set but values is not"
                    : "values is set but field is not") + "; set both or neither");
        }
        if (settings.field().isPresent()) {
            try {
                JsonPointer.compile(settings.field().get());
            } catch (IllegalArgumentException e) {
                return Optional.of(PREFIX + "field '" + settings.field().get()
                        + "' is not a JSON Pointer; write it like /error/code");
            }
        }
        return Optional.empty();
    }

    /** Returns the matcher of valid settings; check them with {@link #invalidSetting} first. */
    static RejectedNumbers of(ConnectorsConfig.RejectedNumber settings) {
        return new RejectedNumbers(Set.copyOf(settings.statuses().orElse(List.of())),
                settings.field().map(JsonPointer::compile).orElse(null), Set.copyOf(settings.values().orElse(List.of())));
    }

    /** Returns true when the response's status or the configured body field rejects the number. */
    boolean rejects(EgressResponse response) {
        if (statuses.contains(response.statusCode())) {
            return true;
        }
        if (field == null || response.body() == null || response.body().isBlank()) {
            return false;
        }
        JsonNode value;
        try {
            value = JSON.readTree(response.body()).at(field);
        } catch (Exception e) {
            // A body that is not JSON has no such field, so the status decides.
            return false;
        }
        return value.isValueNode() && !value.isNull() && values.contains(value.asText());
    }
}
