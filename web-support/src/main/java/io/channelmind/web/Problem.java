package io.channelmind.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem details document. {@code type} is a stable URN per kind of problem,
 * {@code errors} lists each invalid field with its value and the fix, and further members
 * (such as {@code row} or {@code rowsAccepted}) are written at the top level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:channelmind:problem:";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    private Problem(Builder builder) {
        this.type = TYPE_PREFIX + builder.slug;
        this.title = builder.title;
        this.status = builder.status;
        this.detail = builder.detail;
        this.instance = builder.instance;
        this.errors = builder.errors.isEmpty() ? null : List.copyOf(builder.errors);
        this.extensions = new LinkedHashMap<>(builder.extensions);
    }

    /**
     * Starts a problem of the kind {@code slug} (lower-case words joined by hyphens, such as
     * {@code invalid-field}) with the HTTP status and a short title that is the same for
     * every occurrence of that kind.
     */
    public static Builder of(int status, String slug, String title) {
        return new Builder(status, slug, title);
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /**
     * One invalid input: where it is ({@code field}, a JSON path, query parameter or column
     * name), the rejected value as received, and what to do instead.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, Object value, String message) {
    }

    /** Collects the members of a {@link Problem}. */
    public static final class Builder {

        private final int status;
        private final String slug;
        private final String title;
        private String detail;
        private String instance;
        private final List<FieldError> errors = new ArrayList<>();
        private final Map<String, Object> extensions = new LinkedHashMap<>();

        private Builder(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        public Builder error(String field, Object value, String message) {
            errors.add(new FieldError(field, value, message));
            return this;
        }

        /** Adds a top-level member such as {@code row}; the standard member names are reserved. */
        public Builder with(String name, Object value) {
            if (List.of("type", "title", "status", "detail", "instance", "errors").contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is a standard problem member; use its own setter");
            }
            extensions.put(name, value);
            return this;
        }

        public Problem build() {
            return new Problem(this);
        }

        /** Builds the problem and wraps it in an exception that the REST layer turns into a response. */
        public ProblemException toException() {
            return new ProblemException(build());
        }
    }
}
