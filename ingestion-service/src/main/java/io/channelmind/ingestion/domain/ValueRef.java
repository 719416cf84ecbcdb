package io.channelmind.ingestion.domain;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Source of an event attribute's value: a mapped field, written as the field's name
 * ({@code "channel"}), or a constant, written as {@code {"constant": "bank-term-deposit"}}.
 */
public record ValueRef(String field, String constant) {

    public static ValueRef ofField(String field) {
        return new ValueRef(field, null);
    }

    public boolean isConstant() {
        return field == null;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ValueRef fromJson(JsonNode node) {
        if (node.isTextual()) {
            return ofField(node.textValue());
        }
        if (isConstantNode(node)) {
            return new ValueRef(null, node.get("constant").asText());
        }
        throw new IllegalArgumentException("a value must be a field name such as \"channel\" or a constant such as "
                + "{\"constant\": \"spring-sale\"}, not " + node);
    }

    static boolean isConstantNode(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has("constant") && node.get("constant").isValueNode();
    }

    @JsonValue
    public Object toJson() {
        return isConstant() ? Map.of("constant", constant) : field;
    }
}
