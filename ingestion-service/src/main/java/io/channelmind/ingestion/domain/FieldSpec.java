package io.channelmind.ingestion.domain;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One mapped column: the header name, the value type and the checks that apply to it. Blank
 * values and the {@code nullValues} (compared case-insensitively after trimming) count as absent.
 *
 * @param column header name in the file, matched exactly after trimming
 * @param required whether every row must have a value
 * @param optionalColumn whether the file may leave the column out, in which case every value is absent
 * @param allowed for {@code string}: the only accepted values
 * @param min for {@code integer} and {@code decimal}: the lowest accepted value
 * @param pattern for {@code timestamp} and {@code date}: a {@link java.time.format.DateTimeFormatter}
 *     pattern used instead of ISO-8601
 * @param decimalSeparator for {@code decimal}: the decimal separator when it is not {@code .}
 * @param weekStart for {@code date} and {@code timestamp} of weekly reports: the day every value must
 *     fall on, such as MONDAY
 * @param trueValues for {@code boolean}: values read as true (default {@code true})
 * @param falseValues for {@code boolean}: values read as false (default {@code false})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FieldSpec(
        String column,
        FieldType type,
        boolean required,
        boolean optionalColumn,
        List<String> allowed,
        List<String> nullValues,
        BigDecimal min,
        String pattern,
        String decimalSeparator,
        String weekStart,
        List<String> trueValues,
        List<String> falseValues) {

    public FieldSpec {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        nullValues = nullValues == null ? List.of() : List.copyOf(nullValues);
        trueValues = trueValues == null ? List.of() : List.copyOf(trueValues);
        falseValues = falseValues == null ? List.of() : List.copyOf(falseValues);
    }

    public List<String> effectiveTrueValues() {
        return trueValues.isEmpty() ? List.of("true") : trueValues;
    }

    public List<String> effectiveFalseValues() {
        return falseValues.isEmpty() ? List.of("false") : falseValues;
    }
}
