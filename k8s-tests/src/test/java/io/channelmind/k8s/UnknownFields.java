package io.channelmind.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Finds fields that the fabric8 model did not recognise. fabric8 keeps every unknown YAML field in
 * an {@code additionalProperties} map instead of failing, so a misspelt or misplaced field in a
 * template would otherwise pass unnoticed.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /** Returns one "path: field names" entry per model object with a non-empty additionalProperties map. */
    static List<String> of(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "[" + key + "]", found));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object item : collection) {
                walk(item, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            if (getter.isAnnotationPresent(JsonAnyGetter.class)) {
                Map<?, ?> unknown = (Map<?, ?>) invoke(getter, value);
                if (unknown != null && !unknown.isEmpty()) {
                    found.add((path.isEmpty() ? "(root)" : path) + ": " + unknown.keySet());
                }
            } else if (getter.isAnnotationPresent(JsonProperty.class)) {
                String field = getter.getAnnotation(JsonProperty.class).value();
                walk(invoke(getter, value), path + "." + field, found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Failed to read " + getter + " of " + target.getClass().getName(), e);
        }
    }
}
