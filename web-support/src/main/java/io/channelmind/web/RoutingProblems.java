package io.channelmind.web;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Ends a Vert.x request with a problem document, for route handlers that run before the REST layer. */
public final class RoutingProblems {

    private RoutingProblems() {
    }

    /** Responds with the problem's status, the problem as JSON, and the extra headers. */
    public static void end(RoutingContext context, ObjectMapper json, Problem problem, Map<String, String> headers) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document always serialises", e);
        }
        context.response().setStatusCode(problem.getStatus()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(context.response()::putHeader);
        context.response().end(body);
    }
}
