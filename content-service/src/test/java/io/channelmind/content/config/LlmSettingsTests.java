package io.channelmind.content.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LlmSettingsTests {

    @Test
    void unsetBaseUrlDisablesModel() {
        assertFalse(new LlmSettings(Optional.empty(), Optional.empty(), "gpt-4o-mini", "json_schema").enabled());
    }

    @Test
    void blankBaseUrlDisablesModel() {
        assertFalse(new LlmSettings(Optional.of("  "), Optional.empty(), "gpt-4o-mini", "json_schema").enabled());
    }

    @Test
    void baseUrlEnablesModel() {
        assertTrue(new LlmSettings(Optional.of("http://127.0.0.1:8000/v1"), Optional.empty(), "gpt-4o-mini", "json_schema").enabled());
    }

    @Test
    void enabledKeyOverridesBaseUrl() {
        assertFalse(new LlmSettings(Optional.of("http://127.0.0.1:8000/v1"), Optional.of(false), "gpt-4o-mini", "json_schema").enabled());
    }

    @Test
    void responseFormatIsNormalised() {
        assertEquals("json_object", new LlmSettings(Optional.empty(), Optional.empty(), "gpt-4o-mini", " JSON_OBJECT ")
                .responseFormat());
    }

    @Test
    void unknownResponseFormatIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LlmSettings(Optional.empty(), Optional.empty(), "gpt-4o-mini", "json"));

        assertTrue(error.getMessage().contains("json_schema, json_object, text"), error.getMessage());
    }
}
