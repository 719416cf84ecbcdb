package io.channelmind.ingestion.domain;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.channelmind.ingestion.cleaning.CleaningStats;
import io.channelmind.ingestion.cleaning.CustomerIds;
import io.channelmind.ingestion.cleaning.EmailAddresses;

/**
 * Turns the raw text of a column into its typed, normalised value, or rejects it. Every value is
 * trimmed first, and a blank value or one of the field's {@code nullValues} is absent (null).
 * Results: {@code String} (string, email, phone in E.164, currency, locale tag, time zone id,
 * channel), {@code Long}, {@code BigDecimal}, {@code Boolean}, {@code ZonedDateTime} (timestamp,
 * keeping the offset it was written with) and {@code LocalDate}.
 */
public final class ValueParser {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final ZoneId defaultZone;
    private final CleaningStats cleaning;
    private final String phoneRegion;
    private final boolean lowerCaseChannels;
    private final Map<String, String> channelAliases = new HashMap<>();
    private final Map<String, DateTimeFormatter> formatters = new HashMap<>();

    /** @param cleaning receives the counts of time zone corrections */
    public ValueParser(MappingDefinition mapping, CleaningStats cleaning) {
        this.cleaning = cleaning;
        this.defaultZone = ZoneId.of(mapping.defaults().timeZone());
        this.phoneRegion = mapping.defaults().phoneRegion() == null ? "ZZ" : mapping.defaults().phoneRegion();
        this.lowerCaseChannels = mapping.channels().lowerCase();
        mapping.channels().aliases().forEach((alias, channel) -> channelAliases.put(normaliseChannelName(alias), channel));
        mapping.fields().values().stream()
                .filter(field -> field.pattern() != null)
                .forEach(field -> formatters.put(field.pattern(), DateTimeFormatter.ofPattern(field.pattern(), Locale.ROOT)));
    }

    /**
     * Parses one raw value.
     *
     * @return the typed value, or null when the value is absent
     * @throws RowRejectedException when the value is present but invalid
     */
    public Object parse(FieldSpec field, String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty() || isNullValue(field.nullValues(), text)) {
            return null;
        }
        return switch (field.type()) {
            case STRING -> parseString(field, text);
            case ID -> parseId(field, text);
            case INTEGER -> atLeast(field, text, parseInteger(field, text));
            case DECIMAL -> atLeast(field, text, parseDecimal(field, text));
            case BOOLEAN -> parseBoolean(field, text);
            case EMAIL -> parseEmail(field, text);
            case PHONE -> parsePhone(field, text);
            case TIMESTAMP -> {
                ZonedDateTime timestamp = parseTimestamp(field, text);
                yield onWeekStart(field, text, timestamp.toLocalDate(), timestamp);
            }
            case DATE -> {
                LocalDate date = parseDate(field, text);
                yield onWeekStart(field, text, date, date);
            }
            case CURRENCY -> parseCurrency(field, text);
            case LOCALE -> parseLocale(field, text);
            case TIMEZONE -> parseTimeZone(field, text);
            case CHANNEL -> normaliseChannel(text);
        };
    }

    /** Applies the mapping's channel normalisation to a channel name that is not blank. */
    public String normaliseChannel(String text) {
        String name = normaliseChannelName(text);
        return channelAliases.getOrDefault(name, name);
    }

    private String normaliseChannelName(String text) {
        String trimmed = text.strip();
        return lowerCaseChannels ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }

    private static boolean isNullValue(List<String> nullValues, String text) {
        for (String nullValue : nullValues) {
            if (nullValue.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    private static String parseString(FieldSpec field, String text) {
        if (!field.allowed().isEmpty() && !field.allowed().contains(text)) {
            throw reject(field, text, "is not one of: " + String.join(", ", field.allowed()));
        }
        return text;
    }

    private static Long parseInteger(FieldSpec field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw reject(field, text, "is not a whole number");
        }
    }

    private static BigDecimal parseDecimal(FieldSpec field, String text) {
        String separator = field.decimalSeparator();
        String normalised = separator == null ? text : text.replace(separator.charAt(0), '.');
        try {
            return new BigDecimal(normalised);
        } catch (NumberFormatException e) {
            char expected = separator == null ? '.' : separator.charAt(0);
            throw reject(field, text, "is not a decimal number; write digits with '" + expected
                    + "' as the decimal separator and no thousands separators");
        }
    }

    private static Object atLeast(FieldSpec field, String text, Object number) {
        if (field.min() == null) {
            return number;
        }
        BigDecimal value = number instanceof Long whole ? BigDecimal.valueOf(whole) : (BigDecimal) number;
        if (value.compareTo(field.min()) < 0) {
            throw reject(field, text, "is below the minimum of " + field.min().toPlainString());
        }
        return number;
    }

    private static Boolean parseBoolean(FieldSpec field, String text) {
        if (containsIgnoreCase(field.effectiveTrueValues(), text)) {
            return Boolean.TRUE;
        }
        if (containsIgnoreCase(field.effectiveFalseValues(), text)) {
            return Boolean.FALSE;
        }
        throw reject(field, text, "is not a boolean; use " + String.join(" or ", field.effectiveTrueValues())
                + " for true and " + String.join(" or ", field.effectiveFalseValues()) + " for false");
    }

    private static boolean containsIgnoreCase(List<String> values, String text) {
        return values.stream().anyMatch(value -> value.equalsIgnoreCase(text));
    }

    private static String parseId(FieldSpec field, String text) {
        return CustomerIds.normalise(text).orElseThrow(() -> reject(field, text,
                "is a number with a fraction, which no id has; write the id as it was issued, such as 17850"));
    }

    private static String parseEmail(FieldSpec field, String text) {
        return EmailAddresses.normalise(text).orElseThrow(() -> reject(field, text,
                "is not a valid e-mail address; expected local-part@domain.tld"));
    }

    /** Rejects a date of a weekly report that does not fall on the declared first day of the week. */
    private static Object onWeekStart(FieldSpec field, String text, LocalDate date, Object value) {
        if (field.weekStart() == null) {
            return value;
        }
        DayOfWeek expected = DayOfWeek.valueOf(field.weekStart().toUpperCase(Locale.ROOT));
        if (date.getDayOfWeek() != expected) {
            throw reject(field, text, "falls on a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + ", but this weekly report declares weeks starting on "
                    + expected.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "; export the report with weeks starting on "
                    + expected.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " or change the mapping's weekStart");
        }
        return value;
    }

    private String parsePhone(FieldSpec field, String text) {
        try {
            PhoneNumber number = PHONES.parse(text, phoneRegion);
            if (PHONES.isValidNumber(number)) {
                return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // Falls through to the rejection below, which names the expected form.
        }
        throw reject(field, text, "is not a valid phone number; write it with its country code, such as +86 followed by "
                + "the national number, or set defaults.phoneRegion in the mapping");
    }

    private ZonedDateTime parseTimestamp(FieldSpec field, String text) {
        try {
            if (field.pattern() != null) {
                return toZoned(formatters.get(field.pattern()).parse(text));
            }
            return parseIsoTimestamp(text);
        } catch (DateTimeException e) {
            String expected = field.pattern() != null ? "the pattern " + field.pattern()
                    : "ISO-8601 such as 2024-05-01T08:30:00+08:00 or 2024-05-01T00:30:00Z";
            throw reject(field, text, "is not a timestamp in " + expected);
        }
    }

    private ZonedDateTime parseIsoTimestamp(String text) {
        // Many exports write "2024-05-01 08:30:00", but ISO-8601 needs a 'T' between date and time.
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        if (iso.length() == 10) {
            return atDefaultZone(LocalDate.parse(iso).atStartOfDay());
        }
        return toZoned(DateTimeFormatter.ISO_DATE_TIME.parse(iso));
    }

    /**
     * Builds the timestamp from what the text contained: a zone id, an offset, a local date and
     * time, or a date alone. It checks the parsed fields instead of trying each type in turn,
     * because every failed attempt throws an exception, and those exceptions dominated the
     * thread dumps of the import worker in bench/import-benchmark.sh.
     */
    private ZonedDateTime toZoned(TemporalAccessor parsed) {
        ZoneId zone = parsed.query(TemporalQueries.zoneId());
        if (zone != null) {
            return ZonedDateTime.from(parsed);
        }
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toZonedDateTime();
        }
        LocalDate date = LocalDate.from(parsed);
        if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            return atDefaultZone(LocalDateTime.of(date, LocalTime.from(parsed)));
        }
        return atDefaultZone(date.atStartOfDay());
    }

    /**
     * Places a zone-less time in the mapping's zone. A time in a daylight-saving gap (it never
     * happened on the wall clock) moves forward by the length of the gap. A time in an overlap
     * (it happened twice) takes the earlier offset, that is the first occurrence. Both are
     * counted, as {@code dstGapShifted} and {@code dstOverlapEarlierOffset}.
     */
    private ZonedDateTime atDefaultZone(LocalDateTime local) {
        List<ZoneOffset> offsets = defaultZone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            cleaning.count("dstGapShifted");
        } else if (offsets.size() > 1) {
            cleaning.count("dstOverlapEarlierOffset");
        }
        // ZonedDateTime.of applies exactly the rule above: gap moved forward, overlap earlier offset.
        return ZonedDateTime.of(local, defaultZone);
    }

    private LocalDate parseDate(FieldSpec field, String text) {
        try {
            return field.pattern() != null ? LocalDate.parse(text, formatters.get(field.pattern())) : LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw reject(field, text, "is not a date in " + (field.pattern() != null ? "the pattern " + field.pattern()
                    : "ISO-8601 (yyyy-MM-dd)"));
        }
    }

    private static String parseCurrency(FieldSpec field, String text) {
        String code = text.toUpperCase(Locale.ROOT);
        if (!MappingParser.isCurrency(code)) {
            throw reject(field, text, "is not an ISO 4217 currency code such as CNY, USD or EUR");
        }
        return Currency.getInstance(code).getCurrencyCode();
    }

    private static String parseLocale(FieldSpec field, String text) {
        String tag = text.replace('_', '-');
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
            throw reject(field, text, "is not a BCP 47 language tag such as zh-CN or en-US");
        }
        return locale.toLanguageTag();
    }

    private static String parseTimeZone(FieldSpec field, String text) {
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            throw reject(field, text, "is not an IANA time zone such as Asia/Shanghai");
        }
    }

    private static RowRejectedException reject(FieldSpec field, String text, String reason) {
        return new RowRejectedException(field.column(), text, "The value " + reason);
    }
}
