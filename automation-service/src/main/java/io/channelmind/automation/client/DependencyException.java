package io.channelmind.automation.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A call to another ChannelMind service failed. The message names the service, the operation
 * and the cause: the status with the title, detail and field errors of the RFC 9457 problem
 * the service returned, or the transport error.
 */
public class DependencyException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_TEXT = 500;

    private DependencyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Returns the HTTP status of the other service's response, or 0 when no response arrived. */
    public int httpStatus() {
        return getCause() instanceof WebApplicationException http ? http.getResponse().getStatus() : 0;
    }

    public static DependencyException of(String service, String operation, Throwable failure) {
        if (failure instanceof DependencyException known) {
            return known;
        }
        if (failure instanceof WebApplicationException http) {
            int status = http.getResponse().getStatus();
            return new DependencyException(service + " returned HTTP " + status + " for " + operation + ": "
                    + describeBody(http), failure);
        }
        if (ConnectionFailure.isConnectionFailure(failure)) {
            return new DependencyException(service + " is unreachable for " + operation + ": "
                    + rootMessage(failure) + ". Check that it runs and that quarkus.rest-client." + service
                    + ".url points at it", failure);
        }
        return new DependencyException(service + " failed for " + operation + ": " + rootMessage(failure), failure);
    }

    /** Creates the failure for a response that arrived but lacks a field the caller needs. */
    public static DependencyException invalidResponse(String service, String operation, String problem) {
        return new DependencyException(service + " returned an invalid response for " + operation + ": " + problem,
                null);
    }

    private static String describeBody(WebApplicationException http) {
        String body;
        try {
            body = http.getResponse().readEntity(String.class);
        } catch (RuntimeException e) {
            return http.getResponse().getStatusInfo().getReasonPhrase();
        }
        if (body == null || body.isBlank()) {
            return http.getResponse().getStatusInfo().getReasonPhrase();
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.isObject() && problem.hasNonNull("title")) {
                return describeProblem(problem);
            }
        } catch (IOException e) {
            // Not JSON: fall through and quote the start of the body.
        }
        return body.length() > MAX_BODY_TEXT ? body.substring(0, MAX_BODY_TEXT) + "..." : body;
    }

    private static String describeProblem(JsonNode problem) {
        StringBuilder text = new StringBuilder(problem.get("title").asText());
        if (problem.hasNonNull("detail")) {
            text.append(": ").append(problem.get("detail").asText());
        }
        List<String> fieldErrors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            fieldErrors.add(error.path("field").asText("?") + " " + error.path("message").asText(""));
        }
        if (!fieldErrors.isEmpty()) {
            text.append(" (").append(String.join("; ", fieldErrors)).append(")");
        }
        return text.toString();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
