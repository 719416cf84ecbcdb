package io.channelmind.automation.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.channelmind.web.Problem;

/** The journeys API's views of recipients and their step histories, and the checks of the page parameters. */
public final class RecipientViews {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private RecipientViews() {
    }

    @Schema(description = "One entry of a profile into the journey and the step it is at now")
    public record RecipientView(
            @Schema(description = "Id of the entry; pass the last one as after for the next page") long entryId,
            String profileKey,
            @Schema(description = "1 for the profile's first entry, 2 for its re-entry, and so on") int entryNo,
            @Schema(description = "The current step, or the step where the entry ended") String stepId,
            @Schema(description = "Type of that step; null when the step was removed from the definition") String stepType,
            @Schema(enumeration = { "active", "waiting", "deferred", "completed", "exited" }) String status,
            @Schema(description = "When a waiting or deferred entry runs again") Instant dueAt,
            Instant enteredAt,
            Instant finishedAt) {

        static RecipientView of(JourneyHistory.Entry entry, JourneyDefinition definition) {
            String type = definition.step(entry.stepId()).map(JourneyDefinition.Step::type).orElse(null);
            return new RecipientView(entry.entryId(), entry.profileKey(), entry.entryNo(), entry.stepId(), type,
                    entry.status(), entry.dueAt(), entry.enteredAt(), entry.finishedAt());
        }
    }

    @Schema(description = "A page of a journey's recipients in entry order")
    public record RecipientPage(UUID journeyId, List<RecipientView> recipients,
            @Schema(description = "Value of after for the next page; null on the last page") Long next) {
    }

    @Schema(description = "The state of a send as the journey send ledger stores it now")
    public record SendView(String channel,
            @Schema(enumeration = { "pending", "sent", "failed", "skipped" }) String status,
            @Schema(description = "Skip reason, or the provider's result of a failed or sent message") String detail,
            @Schema(description = "The content-service variant sent; null for text written on the step") String copyId,
            @Schema(description = "SMS segments of the rendered text (GSM-7 or UCS-2); null on other channels")
            Integer smsSegments,
            Instant updatedAt) {
    }

    @Schema(description = "One thing an entry did at a step")
    public record EventView(String stepId,
            @Schema(enumeration = { "entered", "waiting", "deferred", "wait-over", "send", "condition", "branch",
                    "exited", "completed" }) String event,
            @Schema(description = "send: sent, failed, skipped or unknown (interrupted by a crash); condition: true "
                    + "or false; branch: branch-N; exited: the reason") String outcome,
            @Schema(description = "condition and branch: the step taken next") String nextStep,
            @Schema(description = "waiting and deferred: when the entry runs again") Instant until,
            Instant at,
            @Schema(description = "send: the send as stored now, which a later bounce or complaint may change") SendView send) {

        static EventView of(JourneyHistory.Event event) {
            JourneyHistory.Send send = event.send();
            return new EventView(event.stepId(), event.event(), event.outcome(), event.nextStep(), event.until(),
                    event.at(), send == null ? null
                            : new SendView(send.channel(), send.status(), send.detail(), send.copyId(),
                                    send.smsSegments(), send.updatedAt()));
        }
    }

    @Schema(description = "One entry of the profile with its step history, oldest event first")
    public record EntryHistory(long entryId, int entryNo, String stepId,
            @Schema(enumeration = { "active", "waiting", "deferred", "completed", "exited" }) String status,
            Instant dueAt, Instant enteredAt, Instant finishedAt,
            @Schema(description = "Why an exited entry left: exit step, or step removed from the journey") String exitReason,
            List<EventView> events) {

        static EntryHistory of(JourneyHistory.Entry entry, List<JourneyHistory.Event> events) {
            String exitReason = events.stream().filter(event -> event.event().equals("exited"))
                    .map(JourneyHistory.Event::outcome).reduce((first, last) -> last).orElse(null);
            return new EntryHistory(entry.entryId(), entry.entryNo(), entry.stepId(), entry.status(), entry.dueAt(),
                    entry.enteredAt(), entry.finishedAt(), exitReason,
                    events.stream().map(EventView::of).toList());
        }
    }

    @Schema(description = "Every entry of one profile into a journey, oldest first")
    public record RecipientHistory(UUID journeyId, String profileKey, List<EntryHistory> entries) {

        static RecipientHistory of(UUID journeyId, String profileKey,
                Map<JourneyHistory.Entry, List<JourneyHistory.Event>> history) {
            return new RecipientHistory(journeyId, profileKey, history.entrySet().stream()
                    .map(entry -> EntryHistory.of(entry.getKey(), entry.getValue())).toList());
        }
    }

    /** Parses the after cursor: null or a whole number of at least 0. */
    static long after(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value.trim());
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw invalid("after", value, "use the next value of the previous page, or leave after out for the first page");
    }

    /** Parses the page size: null for the default, or a whole number from 1 to {@link #MAX_LIMIT}. */
    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw invalid("limit", value, "use a whole number from 1 to " + MAX_LIMIT);
    }

    /** Checks the status filter: null for every entry, or one of the entry statuses. */
    static String status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (JourneyHistory.ENTRY_STATUSES.contains(value.trim())) {
            return value.trim();
        }
        throw invalid("status", value, "use one of " + JourneyHistory.ENTRY_STATUSES + " or leave status out");
    }

    private static RuntimeException invalid(String parameter, String value, String fix) {
        return Problem.of(400, "invalid-page-parameter", "Invalid page parameter")
                .detail("The query parameter " + parameter + " is invalid: " + value + "; " + fix)
                .error(parameter, value, fix)
                .toException();
    }
}
