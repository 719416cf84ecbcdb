package io.channelmind.ingestion.cleaning;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises customer ids that spreadsheets and pandas exports write as floats: {@code 17850.0}
 * and {@code 17850.00} become {@code 17850}, and {@code 1.785E4} becomes {@code 17850}. Ids with a
 * real fraction ({@code 17850.5}) are rejected, because no id system issues them; other ids are
 * kept as trimmed text.
 */
public final class CustomerIds {

    private static final Pattern NUMERIC = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private CustomerIds() {
    }

    /** Returns the normal form, or empty when the id is a number with a fraction. */
    public static Optional<String> normalise(String raw) {
        String id = raw.strip();
        if (!NUMERIC.matcher(id).matches() || (id.indexOf('.') < 0 && id.indexOf('e') < 0 && id.indexOf('E') < 0)) {
            return Optional.of(id);
        }
        try {
            return Optional.of(new java.math.BigDecimal(id).toBigIntegerExact().toString());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
