package io.channelmind.ingestion.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Reads a mapping file and checks it completely, so that an invalid mapping stops the service at
 * start-up instead of failing on the first imported row.
 */
public final class MappingParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private MappingParser() {
    }

    /**
     * Parses and validates one mapping.
     *
     * @param source where the JSON comes from, used in error messages
     * @throws InvalidMappingException when the JSON is malformed or the mapping is inconsistent
     */
    public static MappingDefinition parse(InputStream json, String source) {
        MappingDefinition mapping;
        try {
            mapping = STRICT_JSON.readValue(json, MappingDefinition.class);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException parsing ? parsing.getOriginalMessage() : e.getMessage();
            throw new InvalidMappingException(source, List.of(reason));
        }
        if (mapping == null) {
            throw new InvalidMappingException(source, List.of("the document is null; send a JSON object"));
        }
        List<String> problems = validate(mapping);
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(source, problems);
        }
        return mapping;
    }

    static List<String> validate(MappingDefinition mapping) {
        List<String> problems = new ArrayList<>();
        if (mapping.name() == null || !NAME.matcher(mapping.name()).matches()) {
            problems.add("name: '" + mapping.name() + "' must be lower-case words joined by hyphens");
        }
        validateFormat(mapping.format(), problems);
        validateDefaults(mapping.defaults(), problems);
        validateProfileKey(mapping, problems);
        validateTaxonomy(mapping, problems);
        if (mapping.fields().isEmpty()) {
            problems.add("fields: define at least one mapped column");
        }
        mapping.fields().forEach((name, field) -> validateField(name, field, problems));
        if (mapping.events().isEmpty()) {
            problems.add("events: define at least one event");
        }
        for (int i = 0; i < mapping.events().size(); i++) {
            EventRules.validate("events[" + i + "]", mapping.events().get(i), mapping, problems);
        }
        return problems;
    }

    private static void validateFormat(MappingDefinition.Format format, List<String> problems) {
        if (format.delimiter().length() != 1 || "\r\n".contains(format.delimiter())) {
            problems.add("format.delimiter: '" + format.delimiter() + "' must be one character other than CR or LF");
        }
        if (format.quote().length() != 1 || format.quote().equals(format.delimiter())) {
            problems.add("format.quote: '" + format.quote() + "' must be one character other than the delimiter");
        }
        if (!Charset.isSupported(format.charset())) {
            problems.add("format.charset: '" + format.charset() + "' is not a charset this JVM supports, such as UTF-8 or GB18030");
        }
    }

    private static void validateDefaults(MappingDefinition.Defaults defaults, List<String> problems) {
        try {
            ZoneId.of(defaults.timeZone());
        } catch (RuntimeException e) {
            problems.add("defaults.timeZone: '" + defaults.timeZone() + "' is not an IANA time zone such as Asia/Shanghai");
        }
        if (defaults.currency() != null && !isCurrency(defaults.currency())) {
            problems.add("defaults.currency: '" + defaults.currency() + "' is not an upper-case ISO 4217 code such as CNY");
        }
        if (defaults.phoneRegion() != null
                && !PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaults.phoneRegion())) {
            problems.add("defaults.phoneRegion: '" + defaults.phoneRegion() + "' is not an ISO 3166 region code such as CN");
        }
    }

    private static void validateProfileKey(MappingDefinition mapping, List<String> problems) {
        MappingDefinition.ProfileKey key = mapping.profileKey();
        boolean needsKey = mapping.events().stream().anyMatch(event -> event.type() != null && event.type().isCustomerEvent());
        if (key == null) {
            if (needsKey) {
                problems.add("profileKey: required because the mapping produces customer events");
            }
            return;
        }
        if (key.namespace() == null || !NAME.matcher(key.namespace()).matches()) {
            problems.add("profileKey.namespace: '" + key.namespace() + "' must be lower-case words joined by hyphens");
        }
        if ((key.field() == null) == (key.rowNumberPrefix() == null)) {
            problems.add("profileKey: set exactly one of 'field' and 'rowNumberPrefix'");
        } else if (key.field() != null && !mapping.fields().containsKey(key.field())) {
            problems.add("profileKey.field: unknown field '" + key.field() + "'; define it under fields");
        }
        if (!MappingDefinition.ProfileKey.REJECT.equals(key.whenMissing())
                && !MappingDefinition.ProfileKey.ANONYMOUS.equals(key.whenMissing())) {
            problems.add("profileKey.whenMissing: '" + key.whenMissing() + "' must be reject or anonymous");
        }
        if (key.anonymousField() != null && !mapping.fields().containsKey(key.anonymousField())) {
            problems.add("profileKey.anonymousField: unknown field '" + key.anonymousField() + "'; define it under fields");
        }
    }

    private static void validateTaxonomy(MappingDefinition mapping, List<String> problems) {
        MappingDefinition.Taxonomy taxonomy = mapping.channels().taxonomy();
        if (taxonomy == null) {
            return;
        }
        Map<String, String> fields = taxonomy.fieldsByProperty();
        if (fields.isEmpty()) {
            problems.add("channels.taxonomy: name at least one of the fields source, medium, referrer, url and clickIds");
        }
        fields.forEach((property, field) -> {
            if (!mapping.fields().containsKey(field)) {
                problems.add("channels.taxonomy." + property + ": unknown field '" + field + "'; define it under fields");
            }
        });
    }

    private static void validateField(String name, FieldSpec field, List<String> problems) {
        String where = "fields." + name;
        if (field.column() == null || field.column().isBlank()) {
            problems.add(where + ".column: the header name is missing");
        }
        if (field.type() == null) {
            problems.add(where + ".type: missing; use one of string, id, integer, decimal, boolean, email, phone, "
                    + "timestamp, date, currency, locale, timezone, channel");
            return;
        }
        FieldType type = field.type();
        requireOnly(where + ".allowed", !field.allowed().isEmpty(), type == FieldType.STRING, "string", problems);
        requireOnly(where + ".min", field.min() != null, type == FieldType.INTEGER || type == FieldType.DECIMAL,
                "integer and decimal", problems);
        requireOnly(where + ".decimalSeparator", field.decimalSeparator() != null, type == FieldType.DECIMAL,
                "decimal", problems);
        requireOnly(where + ".trueValues", !field.trueValues().isEmpty() || !field.falseValues().isEmpty(),
                type == FieldType.BOOLEAN, "boolean", problems);
        requireOnly(where + ".pattern", field.pattern() != null, type == FieldType.TIMESTAMP || type == FieldType.DATE,
                "timestamp and date", problems);
        requireOnly(where + ".weekStart", field.weekStart() != null, type == FieldType.TIMESTAMP || type == FieldType.DATE,
                "timestamp and date", problems);
        if (field.weekStart() != null) {
            try {
                java.time.DayOfWeek.valueOf(field.weekStart().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".weekStart: '" + field.weekStart() + "' is not a weekday such as MONDAY");
            }
        }
        if (field.pattern() != null) {
            try {
                DateTimeFormatter.ofPattern(field.pattern());
            } catch (IllegalArgumentException e) {
                problems.add(where + ".pattern: '" + field.pattern() + "' is not a DateTimeFormatter pattern: " + e.getMessage());
            }
        }
        if (field.decimalSeparator() != null && field.decimalSeparator().length() != 1) {
            problems.add(where + ".decimalSeparator: '" + field.decimalSeparator() + "' must be one character");
        }
    }

    private static void requireOnly(String where, boolean isSet, boolean applies, String types, List<String> problems) {
        if (isSet && !applies) {
            problems.add(where + ": applies only to fields of type " + types);
        }
    }

    static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A mapping file that cannot be used, with every problem found in it. */
    public static final class InvalidMappingException extends IllegalArgumentException {

        public InvalidMappingException(String source, List<String> problems) {
            super("Mapping " + source + " is invalid: " + String.join("; ", problems));
        }
    }
}
