package io.channelmind.ingestion.domain;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One trait of an {@code identify} event: either a value ({@link ValueRef}) or a nested object of
 * traits, such as {@code "consent": {"email": "consentEmail", "sms": "consentSms"}}.
 */
public record TraitSpec(ValueRef value, Map<String, TraitSpec> nested) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TraitSpec fromJson(JsonNode node) {
        if (node.isTextual() || ValueRef.isConstantNode(node)) {
            return new TraitSpec(ValueRef.fromJson(node), null);
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("a trait must be a field name, a {\"constant\": ...} object or a "
                    + "non-empty object of nested traits, not " + node);
        }
        Map<String, TraitSpec> nested = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            nested.put(entry.getKey(), fromJson(entry.getValue()));
        }
        return new TraitSpec(null, Collections.unmodifiableMap(nested));
    }

    @JsonValue
    public Object toJson() {
        return value != null ? value.toJson() : nested;
    }
}
