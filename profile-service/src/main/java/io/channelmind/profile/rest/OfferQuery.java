package io.channelmind.profile.rest;

import java.util.Locale;

import io.channelmind.profile.offer.OfferKind;
import io.channelmind.profile.offer.ReasonLanguage;
import io.channelmind.web.Problem;

/** Parses the {@code kind} and {@code explain} query parameters of the offer endpoints. */
final class OfferQuery {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private OfferQuery() {
    }

    /** The parsed query parameters of an offer request. */
    record Parsed(String kind, int limit, boolean explain, ReasonLanguage language) {
    }

    /**
     * Parses the query parameters shared by the profile and segment offer endpoints.
     *
     * @throws io.channelmind.web.ProblemException naming the first invalid parameter
     */
    static Parsed parse(String kind, String limit, String explain, String lang, String acceptLanguage) {
        return new Parsed(kind(kind), PageLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT), explain(explain),
                ReasonLanguage.of(lang, acceptLanguage));
    }

    /** Returns the kind to rank, or null for every kind when {@code raw} is absent. */
    static String kind(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String kind = raw.strip().toLowerCase(Locale.ROOT);
        if (!OfferKind.isKnown(kind)) {
            throw Problem.of(400, "invalid-offer-kind", "Invalid offer kind")
                    .detail("The query parameter 'kind' must be one of " + String.join(", ", OfferKind.ALL)
                            + ", but was '" + raw + "'")
                    .error("kind", raw, "Use one of " + String.join(", ", OfferKind.ALL) + ", or leave it out for every kind")
                    .toException();
        }
        return kind;
    }

    /** Returns whether the filtered offers are listed; absent means false. */
    static boolean explain(String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.of(400, "invalid-explain", "Invalid explain flag")
                    .detail("The query parameter 'explain' must be true or false, but was '" + raw + "'")
                    .error("explain", raw, "Use true to list the filtered-out offers with their reasons, or false")
                    .toException();
        };
    }
}
