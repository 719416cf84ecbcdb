package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.content.domain.ChannelFormat;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * The JSON schema of the model's response, sent as {@code response_format} and checked on the
 * response. The schemas follow the subset that OpenAI's strict structured outputs accept: every
 * member is required, no other member is allowed, and "or null" is written as {@code anyOf}.
 */
final class OutputSchema {

    /** The response for an e-mail, SMS or post: a subject (null outside e-mail) and a body. */
    static final JsonSchema COPY = JsonSchema.builder()
            .name("marketing_copy")
            .rootElement(JsonObjectSchema.builder()
                    .addProperty("subject", JsonAnyOfSchema.builder().anyOf(new JsonStringSchema(), new JsonNullSchema()).build())
                    .addProperty("body", new JsonStringSchema())
                    .required("subject", "body")
                    .additionalProperties(false)
                    .build())
            .build();

    /** The response for a responsive search ad: headlines, descriptions and display paths, each an array of strings. */
    static final JsonSchema SEARCH_AD = JsonSchema.builder()
            .name("responsive_search_ad")
            .rootElement(JsonObjectSchema.builder()
                    .addProperty("headlines", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .addProperty("descriptions", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .addProperty("paths", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .required("headlines", "descriptions", "paths")
                    .additionalProperties(false)
                    .build())
            .build();

    private OutputSchema() {
    }

    /** Returns the schema of the response for a channel format. */
    static JsonSchema forFormat(ChannelFormat format) {
        return format == ChannelFormat.SEARCH_AD ? SEARCH_AD : COPY;
    }

    /**
     * Returns the {@code response_format} for a mode: {@code json_schema} sends the schema,
     * {@code json_object} only requests a JSON object (for endpoints without schema support), and
     * {@code text} sends no response format.
     */
    static ResponseFormat responseFormat(String mode, JsonSchema schema) {
        return switch (mode) {
            case "json_schema" -> ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build();
            case "json_object" -> ResponseFormat.JSON;
            default -> null;
        };
    }

    /** Returns one sentence per place where the value breaks the schema, with its JSON path; empty when it conforms. */
    static List<String> violations(JsonSchema schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        check(schema.rootElement(), value, "$", violations);
        return violations;
    }

    private static void check(JsonSchemaElement element, JsonNode value, String path, List<String> violations) {
        if (element instanceof JsonObjectSchema object) {
            checkObject(object, value, path, violations);
        } else if (element instanceof JsonArraySchema array) {
            if (!value.isArray()) {
                violations.add(path + " is " + kind(value) + "; write an array of strings.");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(array.items(), value.get(i), path + "[" + i + "]", violations);
            }
        } else if (element instanceof JsonStringSchema) {
            if (!value.isTextual()) {
                violations.add(path + " is " + kind(value) + "; write a string.");
            }
        } else if (element instanceof JsonNullSchema) {
            if (!value.isNull()) {
                violations.add(path + " is " + kind(value) + "; write null.");
            }
        } else if (element instanceof JsonAnyOfSchema anyOf) {
            boolean matches = anyOf.anyOf().stream().anyMatch(option -> {
                List<String> optionViolations = new ArrayList<>();
                check(option, value, path, optionViolations);
                return optionViolations.isEmpty();
            });
            if (!matches) {
                violations.add(path + " is " + kind(value) + "; write a string or null.");
            }
        } else {
            throw new IllegalStateException("The output schema uses an unsupported element " + element);
        }
    }

    private static void checkObject(JsonObjectSchema schema, JsonNode value, String path, List<String> violations) {
        if (!value.isObject()) {
            violations.add(path + " is " + kind(value) + "; answer with one JSON object.");
            return;
        }
        for (String name : schema.required()) {
            if (!value.has(name)) {
                violations.add(path + " lacks the member \"" + name + "\"; include it.");
            }
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!schema.properties().containsKey(name) && Boolean.FALSE.equals(schema.additionalProperties())) {
                violations.add(path + " has the member \"" + name + "\", which the schema does not allow; remove it.");
            }
        }
        for (Map.Entry<String, JsonSchemaElement> property : schema.properties().entrySet()) {
            if (value.has(property.getKey())) {
                check(property.getValue(), value.get(property.getKey()), path + "." + property.getKey(), violations);
            }
        }
    }

    private static String kind(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.isArray() ? "an array" : "an object";
    }
}
