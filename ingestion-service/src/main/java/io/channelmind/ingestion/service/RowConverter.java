package io.channelmind.ingestion.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.channelmind.ingestion.cleaning.CleaningStats;
import io.channelmind.ingestion.cleaning.CurrencyConverter;
import io.channelmind.ingestion.cleaning.IdentityHash;
import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.domain.EventSpec;
import io.channelmind.ingestion.domain.EventType;
import io.channelmind.ingestion.domain.FieldSpec;
import io.channelmind.ingestion.domain.HeaderMismatchException;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.RowRejectedException;
import io.channelmind.ingestion.domain.TraitSpec;
import io.channelmind.ingestion.domain.ValueParser;
import io.channelmind.ingestion.domain.ValueRef;
import io.channelmind.ingestion.messaging.CustomerEvent;
import io.channelmind.ingestion.messaging.EventSource;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.SpendEvent;
import io.channelmind.ingestion.messaging.Topics;

/**
 * Applies a mapping to the rows of one file: parses every mapped field, then builds the
 * messages of each event whose conditions hold. A row either yields all its messages or is
 * rejected as a whole, so a malformed row publishes nothing.
 */
public final class RowConverter {

    private static final int MAX_TRACKED_IDENTITIES = 1_000_000;

    private final MappingDefinition mapping;
    private final ImportContext context;
    private final ValueParser parser;
    private final Map<String, Integer> columnIndex;
    private final CleaningStats cleaning;
    private final OfferRowConverter offers;
    /** First row of each profile key seen in an identify event, to report duplicate customers. */
    private final Map<String, Long> identityRows = new HashMap<>();

    private RowConverter(MappingDefinition mapping, ImportContext context, Map<String, Integer> columnIndex) {
        this.mapping = mapping;
        this.context = context;
        this.cleaning = context.cleaning();
        this.parser = new ValueParser(mapping, cleaning);
        this.columnIndex = columnIndex;
        this.offers = new OfferRowConverter(mapping);
    }

    /**
     * Matches the mapping's columns against the file's header.
     *
     * @throws HeaderMismatchException when a mapped column is missing or appears twice
     */
    public static RowConverter bind(MappingDefinition mapping, List<String> header, ImportContext context) {
        Map<String, Integer> positions = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (positions.putIfAbsent(header.get(i), i) != null) {
                duplicates.add(header.get(i));
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> duplicateMapped = new ArrayList<>();
        Map<String, Integer> columnIndex = new HashMap<>();
        for (FieldSpec field : mapping.fields().values()) {
            Integer position = positions.get(field.column());
            if (position == null && field.optionalColumn()) {
                continue;
            }
            if (position == null) {
                missing.add(field.column());
            } else if (duplicates.contains(field.column())) {
                duplicateMapped.add(field.column());
            } else {
                columnIndex.put(field.column(), position);
            }
        }
        if (!missing.isEmpty() || !duplicateMapped.isEmpty()) {
            throw new HeaderMismatchException(missing, duplicateMapped, header);
        }
        return new RowConverter(mapping, context, columnIndex);
    }

    /**
     * Converts one row.
     *
     * @param values one value per header column
     * @throws RowRejectedException when a value is invalid or a needed value is missing
     */
    public List<OutboundMessage> convert(long row, List<String> values) {
        Row parsed = parse(row, values);
        List<OutboundMessage> messages = new ArrayList<>(mapping.events().size());
        for (EventSpec event : mapping.events()) {
            if (!Conditions.allHold(event.when(), parsed.values())) {
                continue;
            }
            for (String required : event.required()) {
                parsed.require(ValueRef.ofField(required), event.type());
            }
            messages.add(switch (event.type()) {
                case SPEND -> spendEvent(event, parsed);
                case OFFER -> offers.convert(event.traits(), parsed::resolve, source(parsed));
                default -> customerEvent(event, parsed);
            });
        }
        if (parsed.anonymous) {
            cleaning.count("rowsWithoutCustomerId.anonymous");
        }
        return messages;
    }

    private Row parse(long row, List<String> values) {
        Map<String, Object> parsed = new HashMap<>();
        for (Map.Entry<String, FieldSpec> entry : mapping.fields().entrySet()) {
            FieldSpec field = entry.getValue();
            Integer position = columnIndex.get(field.column());
            String raw = position == null ? null : values.get(position);
            Object value = parser.parse(field, raw);
            if (value == null && field.required()) {
                throw new RowRejectedException(field.column(), raw, "The value is missing; the mapping requires it on every row");
            }
            parsed.put(entry.getKey(), value);
        }
        return new Row(row, values, parsed);
    }

    private OutboundMessage customerEvent(EventSpec event, Row row) {
        EventType type = event.type();
        String profileKey = profileKey(row, type);
        if (type == EventType.IDENTIFY) {
            reportDuplicate(profileKey, row.number());
        }
        String channel = channel(event.channel(), row);
        if (type == EventType.CONTACT && channel == null) {
            row.require(event.channel(), type);
        }
        ZonedDateTime occurredAt = (ZonedDateTime) row.resolve(event.occurredAt());
        BigDecimal value = decimal(row.resolve(event.value()));
        BigDecimal quantity = decimal(row.resolve(event.quantity()));
        if (value != null && quantity != null) {
            value = value.multiply(quantity);
        }
        LocalDate day = occurredAt == null ? context.importedAt().atZone(ZoneOffset.UTC).toLocalDate() : occurredAt.toLocalDate();
        CurrencyConverter.Amount amount = convert(value, value == null ? null : currency(event, row), day, event.currency());
        CustomerEvent payload = new CustomerEvent(
                CustomerEvent.SCHEMA_VERSION,
                EventIds.customerEvent(mapping.name(), profileKey, type, row.number()),
                type.jsonName(),
                profileKey,
                occurredAt == null ? context.importedAt() : occurredAt.toInstant(),
                channel,
                (String) row.resolve(event.campaign()),
                amount.value(),
                amount.currency(),
                type == EventType.IDENTIFY ? withIdentityHashes(traits(event.traits(), row)) : traits(event.traits(), row),
                source(row),
                amount.originalValue(),
                amount.originalCurrency());
        return new OutboundMessage(Topics.CUSTOMER_EVENTS, profileKey, payload);
    }

    private OutboundMessage spendEvent(EventSpec event, Row row) {
        String channel = channel(event.channel(), row);
        if (channel == null) {
            row.require(event.channel(), EventType.SPEND);
        }
        Object date = row.require(event.date(), EventType.SPEND);
        LocalDate day = date instanceof ZonedDateTime timestamp ? timestamp.toLocalDate() : (LocalDate) date;
        BigDecimal cost = decimal(row.require(event.cost(), EventType.SPEND));
        String campaign = (String) row.resolve(event.campaign());
        String currency = currency(event, row);
        Long impressions = (Long) row.resolve(event.impressions());
        Long clicks = (Long) row.resolve(event.clicks());
        Long conversions = (Long) row.resolve(event.conversions());
        BigDecimal revenue = decimal(row.resolve(event.revenue()));
        String content = String.join("|", channel, String.valueOf(campaign), day.toString(), cost.toPlainString(),
                currency, String.valueOf(impressions), String.valueOf(clicks));
        CurrencyConverter.Amount amount = convert(cost, currency, day, event.currency());
        BigDecimal convertedRevenue = revenue == null ? null : convert(revenue, currency, day, event.currency()).value();
        SpendEvent payload = new SpendEvent(SpendEvent.SCHEMA_VERSION, EventIds.spend(mapping.name(), row.number(), content),
                channel, campaign, day, amount.value(), amount.currency(), impressions, clicks, conversions,
                convertedRevenue, source(row), amount.originalValue(), amount.originalCurrency());
        return new OutboundMessage(Topics.SPEND, channel, payload);
    }

    /**
     * Builds the profile key. A row without a customer id is keyed to an anonymous customer or
     * rejected, as the mapping's {@code profileKey.whenMissing} sets. Both are counted.
     */
    private String profileKey(Row row, EventType type) {
        MappingDefinition.ProfileKey key = mapping.profileKey();
        if (key.rowNumberPrefix() != null) {
            return key.namespace() + ":" + key.rowNumberPrefix() + row.number();
        }
        Object id = row.resolve(ValueRef.ofField(key.field()));
        if (id != null) {
            String text = Conditions.text(id);
            return key.namespace() + ":" + (key.hashed() ? IdentityHash.sha256(text) : text);
        }
        if (!MappingDefinition.ProfileKey.ANONYMOUS.equals(key.whenMissing())) {
            cleaning.count("rowsWithoutCustomerId.rejected");
            row.require(ValueRef.ofField(key.field()), type);
        }
        row.anonymous = true;
        Object group = key.anonymousField() == null ? null : row.resolve(ValueRef.ofField(key.anonymousField()));
        return key.namespace() + ":anonymous:" + (group == null ? "row-" + row.number() : Conditions.text(group));
    }

    /**
     * Counts and lists an identify event whose customer an earlier row of this import already
     * identified, such as two rows whose e-mail addresses differ only in case.
     * NOTE: only the first MAX_TRACKED_IDENTITIES customers are remembered, so duplicates of
     * later ones are not reported.
     */
    private void reportDuplicate(String profileKey, long rowNumber) {
        Long first = identityRows.get(profileKey);
        if (first != null) {
            cleaning.listed("duplicateCustomers", "row " + rowNumber + " repeats the customer of row " + first);
        } else if (identityRows.size() < MAX_TRACKED_IDENTITIES) {
            identityRows.put(profileKey, rowNumber);
        }
    }

    /**
     * Returns the row's channel: the event's channel field or constant, or, when that is empty and
     * the mapping has {@code channels.taxonomy}, the channel of its campaign fields. Null when
     * neither gives one.
     */
    private String channel(ValueRef ref, Row row) {
        if (ref != null && ref.isConstant()) {
            return parser.normaliseChannel(ref.constant());
        }
        String channel = (String) row.resolve(ref);
        MappingDefinition.Taxonomy fields = mapping.channels().taxonomy();
        return channel != null || fields == null ? channel : classify(fields, row);
    }

    /** Applies the channel taxonomy to the campaign fields of a row; unmapped values go to the import's cleaning counts. */
    private String classify(MappingDefinition.Taxonomy fields, Row row) {
        String source = text(row, fields.source());
        String medium = text(row, fields.medium());
        String referrer = text(row, fields.referrer());
        Set<String> clickIds = new LinkedHashSet<>(context.taxonomy().clickIdsIn(text(row, fields.url())));
        fields.clickIds().forEach((parameter, field) -> {
            if (text(row, field) != null) {
                clickIds.add(parameter);
            }
        });
        if (source == null && medium == null && referrer == null && clickIds.isEmpty()) {
            return null;
        }
        return context.taxonomy().classify(source, medium, referrer, clickIds, cleaning);
    }

    private static String text(Row row, String field) {
        Object value = field == null ? null : row.resolve(ValueRef.ofField(field));
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /**
     * Converts an amount of the day {@code day} (the local date of the event's time, or the
     * spend date) to the reporting currency; a currency without a rate for that day rejects the row.
     */
    private CurrencyConverter.Amount convert(BigDecimal value, String currency, LocalDate day, ValueRef currencyRef) {
        try {
            CurrencyConverter.Amount amount = context.currencies().convert(value, currency, day);
            if (amount.originalCurrency() != null) {
                cleaning.count("currencyConverted." + amount.originalCurrency());
            }
            return amount;
        } catch (CurrencyConverter.MissingRateException e) {
            FieldSpec field = currencyRef == null || currencyRef.isConstant() ? null : mapping.fields().get(currencyRef.field());
            throw new RowRejectedException(field == null ? null : field.column(), currency, e.getMessage());
        }
    }

    private String currency(EventSpec event, Row row) {
        String currency = (String) row.resolve(event.currency());
        if (currency == null) {
            currency = mapping.defaults().currency();
        }
        if (currency == null) {
            FieldSpec field = event.currency() == null ? null : mapping.fields().get(event.currency().field());
            throw new RowRejectedException(field == null ? null : field.column(), null,
                    "The currency is missing and the mapping sets no defaults.currency; add a currency value");
        }
        return currency;
    }

    private Map<String, Object> traits(Map<String, TraitSpec> specs, Row row) {
        Map<String, Object> traits = new LinkedHashMap<>();
        specs.forEach((name, spec) -> {
            Object value = spec.nested() != null ? emptyToNull(traits(spec.nested(), row)) : row.resolve(spec.value());
            if (value != null) {
                traits.put(name, toJsonValue(value));
            }
        });
        return traits;
    }

    /**
     * Adds {@code emailSha256} and {@code phoneSha256} next to the raw contact points, so that
     * services that only match customers can use the hashes; the raw values stay for the
     * services that send messages.
     */
    private static Map<String, Object> withIdentityHashes(Map<String, Object> traits) {
        if (traits.get("email") instanceof String email) {
            traits.put("emailSha256", IdentityHash.sha256(email));
        }
        if (traits.get("phone") instanceof String phone) {
            traits.put("phoneSha256", IdentityHash.sha256(phone));
        }
        return traits;
    }

    private static Object emptyToNull(Map<String, Object> map) {
        return map.isEmpty() ? null : map;
    }

    private static Object toJsonValue(Object value) {
        if (value instanceof ZonedDateTime timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value;
    }

    private static BigDecimal decimal(Object number) {
        if (number instanceof Long whole) {
            return BigDecimal.valueOf(whole);
        }
        return (BigDecimal) number;
    }

    private EventSource source(Row row) {
        return EventSource.ofImport(context.importId(), mapping.name(), row.number());
    }

    /** The parsed values of one row, with the raw values kept for error reports. */
    private final class Row {

        private final long number;
        /** Whether the row has no customer id and its events are keyed to an anonymous customer. */
        private boolean anonymous;
        private final List<String> raw;
        private final Map<String, Object> values;

        Row(long number, List<String> raw, Map<String, Object> values) {
            this.number = number;
            this.raw = raw;
            this.values = values;
        }

        long number() {
            return number;
        }

        Map<String, Object> values() {
            return values;
        }

        /** Returns the value of a field or constant, or null when the reference or the value is absent. */
        Object resolve(ValueRef ref) {
            if (ref == null) {
                return null;
            }
            return ref.isConstant() ? ref.constant() : values.get(ref.field());
        }

        /** Returns the value of a field or constant, rejecting the row when it is absent. */
        Object require(ValueRef ref, EventType type) {
            Object value = resolve(ref);
            if (value == null) {
                FieldSpec field = mapping.fields().get(ref.field());
                Integer position = columnIndex.get(field.column());
                throw new RowRejectedException(field.column(), position == null ? null : raw.get(position),
                        "The value is missing; " + type.jsonName() + " rows need it");
            }
            return value;
        }
    }
}
