package io.channelmind.profile.rule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Compares a profile value with a rule literal. Numbers compare numerically, also against text
 * that parses as a number. Text compares by UTF-16 code units. Numbers and booleans compare with
 * a string literal through their text. Other pairs are not comparable.
 */
final class Values {

    private Values() {
    }

    /** Returns the sign of {@code actual} compared with {@code literal}, or null when they are not comparable. */
    static Integer compare(Object actual, Object literal) {
        if (literal instanceof BigDecimal number) {
            BigDecimal value = toNumber(actual);
            return value == null ? null : Integer.signum(value.compareTo(number));
        }
        if (literal instanceof String text) {
            String value = toText(actual);
            return value == null ? null : Integer.signum(value.compareTo(text));
        }
        if (literal instanceof Boolean flag) {
            Boolean value = toBoolean(actual);
            return value == null ? null : Boolean.compare(value, flag);
        }
        return null;
    }

    private static BigDecimal toNumber(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            double doubleValue = number.doubleValue();
            return Double.isFinite(doubleValue) ? BigDecimal.valueOf(doubleValue) : null;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String toText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        BigDecimal number = value instanceof Number ? toNumber(value) : null;
        return number == null ? null : number.stripTrailingZeros().toPlainString();
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.valueOf(lower);
            }
        }
        return null;
    }
}
