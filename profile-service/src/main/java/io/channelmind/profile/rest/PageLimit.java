package io.channelmind.profile.rest;

import io.channelmind.web.Problem;

/** Reads the {@code limit} query parameter of paged endpoints. */
final class PageLimit {

    static final int MAX = 1000;

    private PageLimit() {
    }

    /** Returns {@code raw} as an integer from 1 to 1000, or {@code defaultLimit} when it is absent. */
    static int parse(String raw, int defaultLimit) {
        return parse(raw, defaultLimit, MAX);
    }

    /** Returns {@code raw} as an integer from 1 to {@code max}, or {@code defaultLimit} when it is absent. */
    static int parse(String raw, int defaultLimit, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below together with out-of-range values.
        }
        throw Problem.of(400, "invalid-limit", "Invalid page limit")
                .detail("The query parameter 'limit' must be an integer from 1 to " + max + ", but was '" + raw + "'")
                .error("limit", raw, "Use an integer from 1 to " + max + ", or leave it out for " + defaultLimit)
                .toException();
    }

    /** Returns the cursor for keyset paging: the empty string, which sorts before every key, when absent. */
    static String after(String raw) {
        return raw == null ? "" : raw;
    }
}
