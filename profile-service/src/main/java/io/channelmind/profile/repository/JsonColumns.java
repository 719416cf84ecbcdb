package io.channelmind.profile.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Converts the jsonb columns, which the queries read and write as text, to and from Java maps. */
@ApplicationScoped
public class JsonColumns {

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Boolean>> BOOLEAN_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Instant>> INSTANT_MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public JsonColumns(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Writing a jsonb column failed", e);
        }
    }

    public Map<String, Object> readObject(String json) {
        return read(json, OBJECT_MAP);
    }

    public Map<String, Boolean> readBooleans(String json) {
        return read(json, BOOLEAN_MAP);
    }

    public Map<String, Instant> readInstants(String json) {
        return read(json, INSTANT_MAP);
    }

    private <T extends Map<String, ?>> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json == null ? "{}" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reading a jsonb column failed", e);
        }
    }
}
