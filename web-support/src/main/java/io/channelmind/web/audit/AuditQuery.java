package io.channelmind.web.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.channelmind.web.Problem;

/**
 * The filters and page of an audit log query. Every filter is optional; {@code from} is
 * inclusive and {@code to} exclusive, and {@code before} is an entry id that pages back from
 * the newest entry. {@code subjectKey} is a data subject's own key (a profile key), which the log
 * resolves to the subject's pseudonym.
 */
public record AuditQuery(Optional<String> entityType, Optional<String> entityId, Optional<String> subjectKey,
        Optional<String> actor,
        Optional<AuditAction> action, Optional<Instant> from, Optional<Instant> to, Optional<Long> before,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_TEXT_LENGTH = 200;

    /**
     * Parses the query parameters as received. Fails with a 400 problem that lists every invalid
     * parameter with its value and the fix.
     */
    public static AuditQuery parse(String entityType, String entityId, String subjectKey, String actor, String action,
            String from, String to, String before, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<String> parsedType = text("entityType", entityType, errors);
        Optional<String> parsedId = text("entityId", entityId, errors);
        Optional<String> parsedSubject = text("subjectKey", subjectKey, errors);
        Optional<String> parsedActor = text("actor", actor, errors);
        Optional<AuditAction> parsedAction = action(action, errors);
        Optional<Instant> parsedFrom = instant("from", from, errors);
        Optional<Instant> parsedTo = instant("to", to, errors);
        Optional<Long> parsedBefore = before(before, errors);
        int parsedLimit = limit(limit, errors);
        if (parsedFrom.isPresent() && parsedTo.isPresent() && !parsedFrom.get().isBefore(parsedTo.get())) {
            errors.add(new Problem.FieldError("to", to, "Give a time after from (" + from + ")"));
        }
        if (!errors.isEmpty()) {
            Problem.Builder problem = Problem.of(400, "invalid-audit-query", "Invalid audit log query")
                    .detail(errors.size() + " query parameter(s) are invalid");
            errors.forEach(error -> problem.error(error.field(), error.value(), error.message()));
            throw problem.toException();
        }
        return new AuditQuery(parsedType, parsedId, parsedSubject, parsedActor, parsedAction, parsedFrom, parsedTo,
                parsedBefore, parsedLimit);
    }

    private static Optional<String> text(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            errors.add(new Problem.FieldError(field, value.substring(0, 32) + "...",
                    "Give at most " + MAX_TEXT_LENGTH + " characters"));
            return Optional.empty();
        }
        return Optional.of(value.strip());
    }

    private static Optional<AuditAction> action(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<AuditAction> action = AuditAction.fromWireName(value.strip());
        if (action.isEmpty()) {
            errors.add(new Problem.FieldError("action", value, "Use one of " + AuditAction.wireNames()));
        }
        return action;
    }

    private static Optional<Instant> instant(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, value,
                    "Use an ISO-8601 UTC time such as 2030-01-31T09:00:00Z"));
            return Optional.empty();
        }
    }

    private static Optional<Long> before(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // Reported below with the other invalid values.
        }
        errors.add(new Problem.FieldError("before", value,
                "Use a positive entry id, such as the nextBefore of the previous page"));
        return Optional.empty();
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the other invalid values.
        }
        errors.add(new Problem.FieldError("limit", value, "Use a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
