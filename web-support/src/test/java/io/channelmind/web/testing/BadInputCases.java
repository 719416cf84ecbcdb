package io.channelmind.web.testing;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the malformed requests of a service's bad-input suite from a few facts per endpoint:
 * its method and path, a valid JSON body, and which fields, path variables and query parameters
 * it checks. Every service builds its cases here, so the five suites send the same kinds of
 * malformed input.
 */
public final class BadInputCases {

    /** Strings that attack SQL, template engines, JNDI lookups, HTML pages and file paths. */
    public static final List<String> INJECTIONS = List.of(
            "' OR '1'='1' --",
            "1; DROP TABLE profiles; --",
            "{{7*7}}",
            "${jndi:ldap://127.0.0.1:1/a}",
            "<script>alert(1)</script>",
            "../../../../etc/passwd");

    /** Values that are not UUIDs, for path variables and fields that hold one. */
    public static final List<String> NOT_UUIDS = List.of(
            "not-a-uuid",
            "12345",
            "00000000-0000-0000-0000-00000000000g",
            "' OR '1'='1",
            "..%2F..%2Fetc%2Fpasswd");

    /** A number with 30 digits, past the range of {@code long}. */
    public static final String PAST_LONG = "123456789012345678901234567890";

    static final int HUGE_STRING_LENGTH = 300_000;
    static final int HUGE_ARRAY_LENGTH = 10_000;
    static final int DEEP_NESTING = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    private final List<BadRequest> cases = new ArrayList<>();
    private Map<String, String> headers = Map.of();

    public static BadInputCases create() {
        return new BadInputCases();
    }

    /** Sends {@code name: value} with every case added after this call, such as a write key. */
    public BadInputCases withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        headers = next;
        return this;
    }

    /** Adds a request with a JSON body given as text; {@code field} may be {@code null}. */
    public BadInputCases json(String name, String method, String target, String body, String field) {
        return add(name, method, target, JSON_TYPE, bytes(body), field);
    }

    /** Adds a request with any body and content type. */
    public BadInputCases add(String name, String method, String target, String contentType, byte[] body,
            String field) {
        cases.add(new BadRequest(name, method, target, headers, contentType, body, field));
        return this;
    }

    /**
     * Adds bodies that no JSON endpoint accepts: empty, {@code null}, truncated, not JSON, the
     * wrong top-level type, a number past {@code long}, invalid UTF-8, nesting 1000 deep, a
     * 300,000-character string, a 10,000-element array, and a valid body sent as another type.
     */
    public BadInputCases malformedBodies(String method, String target, String validBody) {
        malformedJson(method, target, validBody);
        add("text/plain body", method, target, "text/plain", bytes(validBody), null);
        add("XML body", method, target, "application/xml", bytes("<request><name>a</name></request>"), null);
        add("no content type", method, target, null, bytes(validBody), null);
        return this;
    }

    /**
     * Adds the bodies of {@link #malformedBodies} that are malformed whatever their content
     * type, for an endpoint that reads JSON sent as any type, as tracking SDKs send it.
     */
    public BadInputCases malformedJson(String method, String target, String validBody) {
        json("empty body", method, target, "", null);
        json("null body", method, target, "null", null);
        json("truncated JSON", method, target, validBody.substring(0, validBody.length() / 2), null);
        json("not JSON", method, target, "name=value&other=1", null);
        json("array instead of object", method, target, "[" + validBody + "]", null);
        json("string instead of object", method, target, "\"" + "text" + "\"", null);
        json("number past long instead of object", method, target, PAST_LONG, null);
        add("invalid UTF-8", method, target, JSON_TYPE, invalidUtf8(), null);
        json("nesting 1000 deep", method, target, deepNesting(), null);
        json("300,000-character string", method, target, "{\"" + firstField(validBody) + "\":\""
                + "a".repeat(HUGE_STRING_LENGTH) + "\"}", null);
        json("10,000-element array", method, target, hugeArray(), null);
        return this;
    }

    /**
     * For each field, adds a copy of the valid body where the field has a value of the wrong
     * JSON type: an object for a string, text for a number or boolean, a number for an object
     * or array. The problem must name the field.
     */
    public BadInputCases wrongTypes(String method, String target, String validBody, String... fields) {
        for (String field : fields) {
            ObjectNode body = parse(validBody);
            JsonNode valid = body.get(field);
            if (valid == null) {
                throw new IllegalArgumentException("The valid body has no field '" + field + "'");
            }
            body.set(field, wrongTypeFor(valid));
            json("wrong type for " + field, method, target, body.toString(), field);
        }
        return this;
    }

    /** For each field, adds a copy of the valid body without it; the problem must name the field. */
    public BadInputCases missingFields(String method, String target, String validBody, String... fields) {
        for (String field : fields) {
            ObjectNode body = parse(validBody);
            if (body.remove(field) == null) {
                throw new IllegalArgumentException("The valid body has no field '" + field + "'");
            }
            json("missing " + field, method, target, body.toString(), field);
        }
        return this;
    }

    /**
     * Adds a copy of the valid body per value, with the field set to that value (a string, a
     * number, a list or a map, written as JSON). The problem must name the field.
     */
    public BadInputCases fieldValues(String method, String target, String validBody, String field,
            List<?> values) {
        for (Object value : values) {
            ObjectNode body = parse(validBody);
            body.set(field, JSON.valueToTree(value));
            json(field + " = " + describe(value), method, target, body.toString(), field);
        }
        return this;
    }

    /**
     * Adds a copy of the valid body per raw JSON value, for values that Java objects cannot
     * express, such as a number past {@code long}. The problem must name the field.
     */
    public BadInputCases rawFieldValues(String method, String target, String validBody, String field,
            List<String> rawValues) {
        for (String raw : rawValues) {
            ObjectNode body = parse(validBody);
            body.put(field, "\u0000placeholder");
            String text = body.toString().replace("\"\\u0000placeholder\"", raw);
            json(field + " = " + describe(raw), method, target, text, field);
        }
        return this;
    }

    /**
     * Adds one request per value of the path variable in {@code template}, written as
     * {@code {}}; each value is percent-encoded as one path segment.
     */
    public BadInputCases pathValues(String method, String template, String variable, List<String> values) {
        return pathValues(method, template, variable, values, null);
    }

    /** Like {@link #pathValues(String, String, String, List)}, with a valid JSON body on each request. */
    public BadInputCases pathValues(String method, String template, String variable, List<String> values,
            String validBody) {
        for (String value : values) {
            String target = template.replace("{}", encode(value));
            add(variable + " = " + describe(value), method, target, validBody == null ? null : JSON_TYPE,
                    validBody == null ? null : bytes(validBody), variable);
        }
        return this;
    }

    /**
     * Adds one request per value of a free-form id in {@code template}, written as {@code {}},
     * which no resource has, so the service returns a 404 that names no field.
     */
    public BadInputCases unknownIds(String method, String template, List<String> values) {
        for (String value : values) {
            add("unknown id " + describe(value), method, template.replace("{}", encode(value)), null, null, null);
        }
        return this;
    }

    /**
     * Adds one request per value of the query parameter; {@code target} may already carry
     * other parameters.
     */
    public BadInputCases queryValues(String method, String target, String parameter, List<String> values) {
        for (String value : values) {
            String separator = target.contains("?") ? "&" : "?";
            add(parameter + " = " + describe(value), method, target + separator + parameter + "=" + encode(value),
                    null, null, parameter);
        }
        return this;
    }

    public List<BadRequest> build() {
        return List.copyOf(cases);
    }

    /** Percent-encodes a value for a path segment or a query parameter. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode wrongTypeFor(JsonNode valid) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (valid.isTextual()) {
            return nodes.objectNode().put("unexpected", "object");
        }
        if (valid.isNumber()) {
            return nodes.textNode("not-a-number");
        }
        if (valid.isBoolean()) {
            return nodes.textNode("not-a-boolean");
        }
        return nodes.numberNode(42);
    }

    private static ObjectNode parse(String validBody) {
        try {
            return (ObjectNode) JSON.readTree(validBody);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("The valid body is not a JSON object: " + validBody, e);
        }
    }

    private static String firstField(String validBody) {
        Iterator<String> names = parse(validBody).fieldNames();
        return names.hasNext() ? names.next() : "name";
    }

    private static byte[] invalidUtf8() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes("{\"name\":\"a"));
        // 0xC3 starts a two-byte sequence, and 0x28 cannot continue it.
        body.write(0xC3);
        body.write(0x28);
        body.writeBytes(bytes("\"}"));
        return body.toByteArray();
    }

    private static String deepNesting() {
        return "{\"name\":" + "[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING) + "}";
    }

    private static String hugeArray() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < HUGE_ARRAY_LENGTH; i++) {
            array.add(i);
        }
        return array.toString();
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
