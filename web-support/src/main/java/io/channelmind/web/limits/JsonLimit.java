package io.channelmind.web.limits;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** The {@link JsonLimitsConfig} limit that a {@link StreamConstraintsException} reports, with a fix for the client. */
public enum JsonLimit {

    NESTING_DEPTH("nesting depth", "max-nesting-depth", "Nest objects and arrays less deeply"),
    STRING_LENGTH("string value length", "max-string-length", "Shorten the string value"),
    NAME_LENGTH("name length", "max-name-length", "Shorten the property name"),
    NUMBER_LENGTH("number value length", "max-number-length", "Send a number with fewer digits");

    private final String jacksonWords;
    private final String key;
    private final String fix;

    JsonLimit(String jacksonWords, String key, String fix) {
        this.jacksonWords = jacksonWords;
        this.key = key;
        this.fix = fix;
    }

    /** Configuration key of the limit, such as {@code channelmind.json.max-nesting-depth}. */
    public String key() {
        return JsonLimitsConfig.PREFIX + key;
    }

    public String fix() {
        return fix;
    }

    /**
     * Finds the limit from the exception's message. Jackson names no limit in a field of the
     * exception, so this matches the wording of jackson-core 2.21 and returns empty for
     * a message it does not recognise.
     */
    public static Optional<JsonLimit> of(StreamConstraintsException exception) {
        String message = String.valueOf(exception.getOriginalMessage()).toLowerCase(Locale.ROOT);
        for (JsonLimit limit : values()) {
            if (message.contains(limit.jacksonWords)) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }
}
