package io.channelmind.ingestion.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules on the attributes each event type needs or accepts, and on the field types that may feed them. */
final class EventRules {

    private static final Set<FieldType> NUMBERS = EnumSet.of(FieldType.DECIMAL, FieldType.INTEGER);

    private EventRules() {
    }

    static void validate(String where, EventSpec event, MappingDefinition mapping, List<String> problems) {
        if (event.type() == null) {
            problems.add(where + ".type: missing; use identify, contact, conversion, cancellation, spend or offer");
            return;
        }
        EventType type = event.type();
        Map<String, FieldSpec> fields = mapping.fields();

        boolean customer = type.isCustomerEvent();
        checkAttribute(where, "occurredAt", event.occurredAt(), customer, false, EnumSet.of(FieldType.TIMESTAMP), fields, problems);
        boolean offer = type == EventType.OFFER;
        checkAttribute(where, "channel", event.channel(), type != EventType.IDENTIFY && !offer,
                type == EventType.CONTACT || type == EventType.SPEND, EnumSet.of(FieldType.CHANNEL), fields, problems);
        checkAttribute(where, "campaign", event.campaign(), type != EventType.IDENTIFY && !offer, false,
                EnumSet.of(FieldType.STRING), fields, problems);
        boolean order = type == EventType.CONVERSION || type == EventType.CANCELLATION;
        checkAttribute(where, "value", event.value(), order, false, NUMBERS, fields, problems);
        checkAttribute(where, "quantity", event.quantity(), order, false, NUMBERS, fields, problems);
        checkAttribute(where, "currency", event.currency(), order || type == EventType.SPEND,
                false, EnumSet.of(FieldType.CURRENCY), fields, problems);
        boolean spend = type == EventType.SPEND;
        checkAttribute(where, "date", event.date(), spend, spend, EnumSet.of(FieldType.DATE, FieldType.TIMESTAMP), fields, problems);
        checkAttribute(where, "cost", event.cost(), spend, spend, NUMBERS, fields, problems);
        checkAttribute(where, "impressions", event.impressions(), spend, false, EnumSet.of(FieldType.INTEGER), fields, problems);
        checkAttribute(where, "clicks", event.clicks(), spend, false, EnumSet.of(FieldType.INTEGER), fields, problems);
        checkAttribute(where, "conversions", event.conversions(), spend, false, EnumSet.of(FieldType.INTEGER), fields,
                problems);
        checkAttribute(where, "revenue", event.revenue(), spend, false, NUMBERS, fields, problems);

        if (type == EventType.IDENTIFY && event.traits().isEmpty()) {
            problems.add(where + ".traits: an identify event needs at least one trait");
        }
        if (type != EventType.IDENTIFY && !order && !offer && !event.traits().isEmpty()) {
            problems.add(where + ".traits: applies only to identify, conversion, cancellation and offer events");
        }
        if (offer) {
            OfferTraits.validate(where, event.traits(), problems);
        }
        event.traits().forEach((name, trait) -> checkTrait(where + ".traits." + name, trait, fields, problems));
        checkCurrencyConstant(where, event.currency(), problems);

        for (int i = 0; i < event.when().size(); i++) {
            checkCondition(where + ".when[" + i + "]", event.when().get(i), fields, problems);
        }
        for (String field : event.required()) {
            if (!fields.containsKey(field)) {
                problems.add(where + ".required: unknown field '" + field + "'; define it under fields");
            }
        }
    }

    private static void checkAttribute(String where, String attribute, ValueRef ref, boolean accepted, boolean needed,
            Set<FieldType> types, Map<String, FieldSpec> fields, List<String> problems) {
        String path = where + "." + attribute;
        if (ref == null) {
            if (needed) {
                problems.add(path + ": required for this event type");
            }
            return;
        }
        if (!accepted) {
            problems.add(path + ": does not apply to this event type");
            return;
        }
        if (ref.isConstant()) {
            if (!types.contains(FieldType.STRING) && !types.contains(FieldType.CHANNEL) && !types.contains(FieldType.CURRENCY)) {
                problems.add(path + ": must name a field, not a constant");
            }
            return;
        }
        FieldSpec field = fields.get(ref.field());
        if (field == null) {
            problems.add(path + ": unknown field '" + ref.field() + "'; define it under fields");
        } else if (field.type() != null && !types.contains(field.type())) {
            problems.add(path + ": field '" + ref.field() + "' has type " + field.type().jsonName()
                    + " but this attribute needs one of " + types.stream().map(FieldType::jsonName).toList());
        }
    }

    private static void checkTrait(String path, TraitSpec trait, Map<String, FieldSpec> fields, List<String> problems) {
        if (trait.nested() != null) {
            trait.nested().forEach((name, nested) -> checkTrait(path + "." + name, nested, fields, problems));
        } else if (!trait.value().isConstant() && !fields.containsKey(trait.value().field())) {
            problems.add(path + ": unknown field '" + trait.value().field() + "'; define it under fields");
        }
    }

    private static void checkCurrencyConstant(String where, ValueRef currency, List<String> problems) {
        if (currency != null && currency.isConstant() && !MappingParser.isCurrency(currency.constant())) {
            problems.add(where + ".currency: '" + currency.constant() + "' is not an upper-case ISO 4217 code such as CNY");
        }
    }

    private static void checkCondition(String path, EventSpec.Condition condition, Map<String, FieldSpec> fields,
            List<String> problems) {
        if (condition.field() == null || !fields.containsKey(condition.field())) {
            problems.add(path + ".field: unknown field '" + condition.field() + "'; define it under fields");
        }
        int tests = (condition.equals() != null ? 1 : 0) + (condition.in() != null ? 1 : 0)
                + (condition.present() != null ? 1 : 0) + (condition.below() != null ? 1 : 0)
                + (condition.atLeast() != null ? 1 : 0);
        if (tests != 1) {
            problems.add(path + ": set exactly one of 'equals', 'in', 'present', 'below' and 'atLeast'");
        }
        FieldSpec field = fields.get(condition.field());
        if ((condition.below() != null || condition.atLeast() != null) && field != null && !NUMBERS.contains(field.type())) {
            problems.add(path + ": 'below' and 'atLeast' need a field of type integer or decimal");
        }
    }
}
