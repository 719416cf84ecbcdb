package io.channelmind.ingestion.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.domain.FieldSpec;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.OfferTraits;
import io.channelmind.ingestion.domain.RowRejectedException;
import io.channelmind.ingestion.domain.TraitSpec;
import io.channelmind.ingestion.domain.ValueRef;
import io.channelmind.ingestion.messaging.EventSource;
import io.channelmind.ingestion.messaging.OfferEvent;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.Topics;

/**
 * Builds the {@code cm.offers} message of one catalogue row and applies the rules that span
 * columns: the kinds and statuses, a risk level of 1 to 5 on financial offers only, prerequisites
 * on courses only, a price with a currency, and a validity window that does not end before it starts.
 */
final class OfferRowConverter {

    static final Set<String> KINDS = Set.of("product", "promotion", "financial", "course");
    static final Set<String> STATUSES = Set.of("active", "withdrawn");
    static final int MAX_RISK_LEVEL = 5;

    private final MappingDefinition mapping;

    OfferRowConverter(MappingDefinition mapping) {
        this.mapping = mapping;
    }

    /**
     * Converts one row.
     *
     * @param resolve returns the parsed value of a field or constant, or null when it is absent
     * @throws RowRejectedException naming the column, value and fix when a rule fails
     */
    OutboundMessage convert(Map<String, TraitSpec> traits, Function<ValueRef, Object> resolve, EventSource source) {
        Values values = new Values(traits, resolve);
        String offerId = values.requiredText(OfferTraits.OFFER_ID);
        String kind = values.oneOf(OfferTraits.KIND, KINDS, null);
        String status = values.oneOf(OfferTraits.STATUS, STATUSES, "active");
        String title = values.requiredText(OfferTraits.TITLE);
        BigDecimal price = values.price();
        String currency = price == null ? null : values.currency();
        Integer riskLevel = values.riskLevel(kind);
        List<String> prerequisites = values.prerequisites(kind, offerId);
        Instant validFrom = values.instant(OfferTraits.VALID_FROM, false);
        Instant validTo = values.instant(OfferTraits.VALID_TO, true);
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            throw values.reject(OfferTraits.VALID_TO, validTo.toString(),
                    "The offer ends before it starts; set valid_to after valid_from");
        }
        String locale = values.text(OfferTraits.LOCALE);

        String content = String.join("|", offerId, kind, status, title, String.valueOf(values.text(OfferTraits.DESCRIPTION)),
                String.valueOf(price), String.valueOf(riskLevel), String.join(";", prerequisites),
                String.valueOf(validFrom), String.valueOf(validTo));
        OfferEvent payload = new OfferEvent(OfferEvent.SCHEMA_VERSION, EventIds.offer(mapping.name(), offerId, content),
                offerId, kind, status, title, values.text(OfferTraits.DESCRIPTION), values.text(OfferTraits.CATEGORY),
                price, currency, riskLevel, prerequisites, validFrom, validTo, locale, source);
        return new OutboundMessage(Topics.OFFERS, offerId, payload);
    }

    /** The offer attributes of one row, with the column behind each for error reports. */
    private final class Values {

        private final Map<String, TraitSpec> traits;
        private final Function<ValueRef, Object> resolve;

        Values(Map<String, TraitSpec> traits, Function<ValueRef, Object> resolve) {
            this.traits = traits;
            this.resolve = resolve;
        }

        Object value(String trait) {
            TraitSpec spec = traits.get(trait);
            return spec == null ? null : resolve.apply(spec.value());
        }

        String text(String trait) {
            Object value = value(trait);
            return value == null ? null : Conditions.text(value);
        }

        String requiredText(String trait) {
            String text = text(trait);
            if (text == null) {
                throw reject(trait, null, "The value is missing; every offer row needs it");
            }
            return text;
        }

        String oneOf(String trait, Set<String> allowed, String absent) {
            String text = text(trait);
            if (text == null && absent != null) {
                return absent;
            }
            String normalised = text == null ? null : text.strip().toLowerCase(Locale.ROOT);
            if (normalised == null || !allowed.contains(normalised)) {
                throw reject(trait, text, (text == null ? "The value is missing" : "The value is not allowed")
                        + "; use one of " + allowed.stream().sorted().toList());
            }
            return normalised;
        }

        BigDecimal price() {
            Object value = value(OfferTraits.PRICE);
            BigDecimal price = value instanceof Long whole ? BigDecimal.valueOf(whole) : (BigDecimal) value;
            if (price != null && price.signum() < 0) {
                throw reject(OfferTraits.PRICE, price.toPlainString(), "A price cannot be negative; write 0 for a free offer");
            }
            return price;
        }

        String currency() {
            String currency = text(OfferTraits.CURRENCY);
            if (currency == null) {
                currency = mapping.defaults().currency();
            }
            if (currency == null) {
                throw reject(OfferTraits.CURRENCY, null,
                        "The offer has a price but no currency; add an ISO 4217 code such as CNY");
            }
            return currency;
        }

        Integer riskLevel(String kind) {
            Object value = value(OfferTraits.RISK_LEVEL);
            boolean financial = "financial".equals(kind);
            if (value == null) {
                if (financial) {
                    throw reject(OfferTraits.RISK_LEVEL, null,
                            "A financial offer needs a risk level; write a whole number from 1 (lowest) to 5");
                }
                return null;
            }
            if (!financial) {
                throw reject(OfferTraits.RISK_LEVEL, value.toString(),
                        "Only financial offers have a risk level; leave it empty for a " + kind + " offer");
            }
            long level = ((Number) value).longValue();
            if (level < 1 || level > MAX_RISK_LEVEL || !(value instanceof Long)) {
                throw reject(OfferTraits.RISK_LEVEL, value.toString(),
                        "The risk level must be a whole number from 1 (lowest) to " + MAX_RISK_LEVEL);
            }
            return (int) level;
        }

        List<String> prerequisites(String kind, String offerId) {
            String text = text(OfferTraits.PREREQUISITES);
            if (text == null) {
                return List.of();
            }
            if (!"course".equals(kind)) {
                throw reject(OfferTraits.PREREQUISITES, text,
                        "Only courses have prerequisites; leave it empty for a " + kind + " offer");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (String part : text.split(";", -1)) {
                String id = part.strip();
                if (id.isEmpty()) {
                    throw reject(OfferTraits.PREREQUISITES, text,
                            "A prerequisite is empty; separate offer ids with ';' and leave no empty entries");
                }
                if (id.equals(offerId)) {
                    throw reject(OfferTraits.PREREQUISITES, text, "A course cannot be its own prerequisite; remove " + id);
                }
                ids.add(id);
            }
            return new ArrayList<>(ids);
        }

        /** Reads a date or timestamp; a date ends at the end of that day in UTC when {@code end} is set. */
        Instant instant(String trait, boolean end) {
            Object value = value(trait);
            if (value instanceof ZonedDateTime timestamp) {
                return timestamp.toInstant();
            }
            if (value instanceof LocalDate date) {
                return (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value != null) {
                throw reject(trait, value.toString(), "The value must be a date or timestamp; give the field the type date");
            }
            return null;
        }

        RowRejectedException reject(String trait, String value, String reason) {
            TraitSpec spec = traits.get(trait);
            FieldSpec field = spec == null || spec.value().isConstant() ? null : mapping.fields().get(spec.value().field());
            return new RowRejectedException(field == null ? trait : field.column(), value, reason);
        }
    }
}
