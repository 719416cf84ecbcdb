package io.channelmind.ingestion.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.channelmind.ingestion.domain.EventSpec;

/** Evaluates the {@code when} conditions of an event against a row's parsed values. */
final class Conditions {

    private Conditions() {
    }

    static boolean allHold(List<EventSpec.Condition> conditions, Map<String, Object> values) {
        for (EventSpec.Condition condition : conditions) {
            if (!holds(condition, values.get(condition.field()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(EventSpec.Condition condition, Object value) {
        if (condition.present() != null) {
            return (value != null) == condition.present();
        }
        if (value == null) {
            return false;
        }
        if (condition.below() != null || condition.atLeast() != null) {
            BigDecimal number = value instanceof Long whole ? BigDecimal.valueOf(whole) : (BigDecimal) value;
            return condition.below() != null ? number.compareTo(condition.below()) < 0
                    : number.compareTo(condition.atLeast()) >= 0;
        }
        String text = text(value);
        return condition.equals() != null ? condition.equals().equals(text) : condition.in().contains(text);
    }

    /** Returns the text a condition compares: plain digits for numbers, ISO-8601 for times. */
    static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
