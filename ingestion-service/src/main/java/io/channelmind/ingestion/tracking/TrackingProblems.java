package io.channelmind.ingestion.tracking;

import java.util.List;

import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;

/** The problem details a tracking request can end with. */
final class TrackingProblems {

    private static final String AUTH_HINT = "Send the source's write key as the user name of HTTP Basic authentication, "
            + "with an empty password, or as the body field writeKey. POST /api/v1/sources creates a source and "
            + "returns its key";

    private TrackingProblems() {
    }

    static ProblemException missingWriteKey() {
        return Problem.of(401, "missing-write-key", "Missing write key")
                .detail("The request has neither HTTP Basic credentials with a write key nor a writeKey field")
                .error("Authorization", null, AUTH_HINT)
                .toException();
    }

    static ProblemException invalidWriteKey() {
        return Problem.of(401, "invalid-write-key", "Invalid write key")
                .detail("The write key belongs to no active source: it is wrong, revoked, or was replaced by a "
                        + "rotation whose grace period has ended")
                .error("Authorization", null, AUTH_HINT)
                .toException();
    }

    static ProblemException tooLarge(String slug, String title, String subject, String field, long limit, String size) {
        return Problem.of(400, slug, title)
                .detail(subject + " is " + size + " bytes, more than the limit of " + limit + " bytes")
                .error(field, null, "Send at most " + limit + " bytes; split large batches into smaller ones")
                .with("limitBytes", limit)
                .toException();
    }

    static ProblemException notAnObject(String field) {
        return Problem.of(400, "invalid-call", "Invalid tracking call")
                .detail("The " + field + " must be a JSON object")
                .error(field, null, "Send a JSON object as described by the Segment HTTP tracking API")
                .toException();
    }

    static ProblemException invalidCalls(List<CallParser.InvalidField> errors) {
        Problem.Builder problem = Problem.of(400, "invalid-call", "Invalid tracking call")
                .detail(errors.size() + " field(s) are invalid, so nothing of this request was accepted. The first: "
                        + errors.get(0).field() + ": " + errors.get(0).message());
        errors.forEach(error -> problem.error(error.field(), error.value(), error.message()));
        return problem.toException();
    }

    static ProblemException publishFailed(int retryAfterSeconds) {
        return Problem.of(503, "publish-failed", "Events not stored")
                .detail("Kafka did not acknowledge every event of this request, so the request is not accepted. "
                        + "Send the same request again after " + retryAfterSeconds + " seconds; the calls that Kafka "
                        + "did store are recognised by their messageId and not published twice")
                .with("retryAfterSeconds", retryAfterSeconds)
                .toException();
    }

    static ProblemException storageUnavailable(int retryAfterSeconds) {
        return Problem.of(503, "storage-unavailable", "Database unavailable")
                .detail("The database that checks write keys and messageIds did not respond, so nothing was accepted. "
                        + "Send the same request again after " + retryAfterSeconds + " seconds")
                .with("retryAfterSeconds", retryAfterSeconds)
                .toException();
    }
}
