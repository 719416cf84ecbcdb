package io.channelmind.optimizer.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.channelmind.optimizer.chart.ChartLanguage;
import io.channelmind.web.Problem;

/** Checks query parameters and turns bad values into 400 problems that name the parameter. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** Returns the trimmed value; throws a 400 problem when it is missing or blank. */
    static String required(String name, String value, String example) {
        if (value == null) {
            throw Problem.of(400, "missing-parameter", "Missing query parameter")
                    .detail("The query parameter '" + name + "' is required")
                    .error(name, null, "Pass it, for example ?" + name + "=" + example)
                    .toException();
        }
        return optional(name, value, example);
    }

    /** Returns the trimmed value, or null when it is missing; throws a 400 problem when it is blank. */
    static String optional(String name, String value, String example) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("The query parameter '" + name + "' is blank")
                    .error(name, value, "Pass a non-blank value, for example ?" + name + "=" + example
                            + ", or leave the parameter out")
                    .toException();
        }
        return value.trim();
    }

    /**
     * Splits comma-separated values (the parameter may also repeat), trims them and removes
     * empty entries and repeats. Returns an empty list when the parameter is missing; throws a
     * 400 problem when it is present but names nothing.
     */
    static List<String> list(String name, List<String> values, String example) {
        Set<String> items = new LinkedHashSet<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        if (items.isEmpty() && !values.isEmpty()) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("The query parameter '" + name + "' names no value")
                    .error(name, String.join(",", values), "Pass comma-separated names, for example ?" + name + "="
                            + example + ", or leave the parameter out")
                    .toException();
        }
        return new ArrayList<>(items);
    }

    /** Parses the {@code lang} parameter of a chart; throws a 400 problem for a language without labels. */
    static ChartLanguage language(String value) {
        try {
            return ChartLanguage.parse(value);
        } catch (IllegalArgumentException e) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("Charts have labels in English and Simplified Chinese only")
                    .error("lang", value, "Pass lang=en or lang=zh-CN, or leave it out for English")
                    .toException();
        }
    }

    /** Parses an id from a path; throws a 400 problem naming where valid ids come from. */
    static java.util.UUID id(String field, String value, String source) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Problem.of(400, "invalid-parameter", "Invalid id")
                    .detail("'" + value + "' is not a UUID")
                    .error(field, value, "Use an id returned by " + source + ", such as"
                            + " 3f2b8c1e-4d5a-4e6f-9a7b-1c2d3e4f5a6b")
                    .toException();
        }
    }

    /** Returns the listing size: 20 when missing, else a whole number from 1 to 200. */
    static int limit(Integer value) {
        if (value == null) {
            return 20;
        }
        if (value < 1 || value > 200) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("limit must be from 1 to 200")
                    .error("limit", value, "Pass a whole number from 1 to 200, or leave it out for 20")
                    .toException();
        }
        return value;
    }
}
