package io.channelmind.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.channelmind.web.limits.JsonLimit;

/**
 * Turns every error that leaves a REST endpoint into RFC 9457 problem details. Unexpected
 * failures are logged with their stack trace and reach the client without class names or
 * messages, which may hold internal details.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The value and the limit in Jackson's message, such as "(65) exceeds the maximum allowed (64, from ...)". */
    private static final Pattern JACKSON_NUMBERS = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    @ServerExceptionMapper
    public Response mapProblem(ProblemException exception, @Context UriInfo uriInfo) {
        return respond(exception.problem());
    }

    @ServerExceptionMapper
    public Response mapConstraintViolation(ConstraintViolationException exception, @Context UriInfo uriInfo) {
        Problem.Builder problem = Problem.of(400, "invalid-request", "Invalid request")
                .detail(exception.getConstraintViolations().size() + " field(s) failed validation")
                .instance(uriInfo.getPath());
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            problem.error(fieldName(violation), violation.getInvalidValue(), violation.getMessage());
        }
        return respond(problem.build());
    }

    @ServerExceptionMapper
    public Response mapJsonError(JsonProcessingException exception, @Context UriInfo uriInfo) {
        Optional<StreamConstraintsException> overLimit = constraintViolation(exception);
        if (overLimit.isPresent()) {
            return mapJsonLimit(overLimit.get(), uriInfo);
        }
        String field = exception instanceof JsonMappingException mapping ? jsonPath(mapping) : null;
        String detail;
        String fix;
        if (exception instanceof MismatchedInputException mismatch && field != null) {
            String expected = describe(mismatch.getTargetType());
            detail = "The field '" + field + "' has the wrong type: expected " + expected;
            fix = "Send " + expected + " for '" + field + "'";
        } else if (field != null) {
            detail = "The field '" + field + "' has an invalid value";
            fix = "Send a value for '" + field + "' that matches the API schema at /q/openapi";
        } else {
            JsonLocation location = exception.getLocation();
            detail = location == null ? "The request body is not valid JSON"
                    : "The request body is not valid JSON (line " + location.getLineNr() + ", column "
                            + location.getColumnNr() + ")";
            fix = "Send a JSON document that matches the API schema at /q/openapi";
        }
        // The parser's own message names Java types and tokens, so it goes to the log only.
        LOG.debugf("Rejected JSON body of %s: %s", uriInfo.getPath(), exception.getOriginalMessage());
        return respond(Problem.of(400, "malformed-json", "Malformed JSON request body")
                .detail(detail)
                .instance(uriInfo.getPath())
                .error(field == null ? "body" : field, null, fix)
                .build());
    }

    /**
     * Maps a body that breaks a {@link io.channelmind.web.limits.JsonLimitsConfig} limit, such as
     * nesting too deep or a string too long, to a problem that names the limit and its key.
     */
    private static Response mapJsonLimit(StreamConstraintsException exception, UriInfo uriInfo) {
        Optional<JsonLimit> limit = JsonLimit.of(exception);
        JsonLocation location = exception.getLocation();
        String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        String breach = limit.map(known -> "breaks the limit " + known.key()).orElse("breaks a JSON size limit");
        Matcher numbers = JACKSON_NUMBERS.matcher(String.valueOf(exception.getOriginalMessage()));
        if (numbers.find()) {
            breach += ": " + numbers.group(1) + " is more than " + numbers.group(2);
        }
        LOG.debugf("Rejected JSON body of %s: %s", uriInfo.getPath(), exception.getOriginalMessage());
        return respond(Problem.of(400, "json-limit-exceeded", "JSON request body exceeds a limit")
                .detail("The request body " + breach + where)
                .instance(uriInfo.getPath())
                .error("body", null, limit.map(known -> known.fix() + ", or ask the operator to raise " + known.key())
                        .orElse("Send a smaller JSON document"))
                .with("limit", limit.map(JsonLimit::key).orElse(null))
                .build());
    }

    private static Optional<StreamConstraintsException> constraintViolation(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException constraints) {
                return Optional.of(constraints);
            }
        }
        return Optional.empty();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /**
     * Maps JSON values of the wrong type (a number where an object belongs). Quarkus REST has
     * its own mapper for this exact type, which writes plain JSON, so a mapper for the
     * supertype alone never receives it.
     */
    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException exception, @Context UriInfo uriInfo) {
        return mapJsonError(exception, uriInfo);
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException exception, @Context UriInfo uriInfo) {
        // Quarkus REST wraps JSON syntax errors (a truncated body, say) in a 400.
        if (exception.getCause() instanceof JsonProcessingException json) {
            return mapJsonError(json, uriInfo);
        }
        if (isParameterConversion(exception)) {
            return mapParameterConversion(exception.getCause(), uriInfo);
        }
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(exception, "Request to %s failed with status %d", uriInfo.getPath(), status);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return respond(Problem.of(status, title.toLowerCase().replace(' ', '-'), title)
                .detail(detailFor(status, uriInfo))
                .instance(uriInfo.getPath())
                .build());
    }

    /**
     * Returns whether Quarkus REST failed to convert a path, query, header or form parameter to
     * its Java type (a number, UUID or enum). It then throws a 404 (path and query) or a 400
     * (others) whose cause is the conversion error, while a plain 404 has no cause.
     */
    private static boolean isParameterConversion(WebApplicationException exception) {
        return (exception instanceof NotFoundException || exception instanceof BadRequestException)
                && exception.getCause() instanceof IllegalArgumentException;
    }

    /**
     * Maps a parameter that does not convert to 400 naming the parameter. The exception does not
     * name it, but the conversion error's message quotes the rejected value, so the parameter is
     * the one whose value the message contains.
     */
    private static Response mapParameterConversion(Throwable conversion, UriInfo uriInfo) {
        String message = String.valueOf(conversion.getMessage());
        String name = null;
        String value = "";
        // The longest value that the message quotes wins, so that "1" in another parameter
        // does not take the place of "abc1".
        for (MultivaluedMap<String, String> parameters : List.of(uriInfo.getPathParameters(), uriInfo.getQueryParameters())) {
            for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                for (String candidate : parameter.getValue()) {
                    if (candidate.length() > value.length() && message.contains(candidate)) {
                        name = parameter.getKey();
                        value = candidate;
                    }
                }
            }
        }
        LOG.debugf("Rejected a parameter of %s: %s", uriInfo.getPath(), message);
        Problem.Builder problem = Problem.of(400, "invalid-parameter", "Invalid parameter").instance(uriInfo.getPath());
        if (name == null) {
            return respond(problem.detail("A path or query parameter does not have the type the API expects")
                    .error("parameters", null, "Send the parameters that /q/openapi describes for this path")
                    .build());
        }
        return respond(problem.detail("The parameter '" + name + "' has an invalid value")
                .error(name, value, "Send a value of the type that /q/openapi names for '" + name + "'")
                .build());
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Exception exception, @Context UriInfo uriInfo) {
        LOG.errorf(exception, "Unexpected failure while processing %s", uriInfo.getPath());
        return respond(Problem.of(500, "internal-error", "Internal server error")
                .detail("The server failed to process the request; the error is in the service log")
                .instance(uriInfo.getPath())
                .build());
    }

    /** Returns a detail in the project's words, because the framework's texts name its internals. */
    private static String detailFor(int status, UriInfo uriInfo) {
        return switch (status) {
            case 404 -> "Nothing is found at " + uriInfo.getPath() + "; the API is described at /q/openapi";
            case 405 -> "The HTTP method is not allowed on " + uriInfo.getPath() + "; the allowed methods are in /q/openapi";
            case 406 -> "No acceptable response type; ask for application/json";
            case 415 -> "The Content-Type is not accepted by " + uriInfo.getPath()
                    + "; send application/json, or the type /q/openapi names for this path";
            default -> status >= 500 ? "The server failed to process the request" : "The request was rejected";
        };
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Method validation paths look like "create.request.name"; the first two nodes name the
        // Java method and parameter, which mean nothing to a client.
        String path = violation.getPropertyPath().toString();
        String[] nodes = path.split("\\.");
        return nodes.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(nodes, 2, nodes.length)) : path;
    }

    private static String jsonPath(JsonMappingException exception) {
        if (exception.getPath().isEmpty()) {
            return null;
        }
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
