package io.channelmind.content.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LlmSettingsTests {

    @Test
    void unsetBaseUrlDisablesModel() {
        assertFalse(new LlmSettings(Optional.empty(), Optional.empty(), "gpt-4o-mini").enabled());
    }

    @Test
    void blankBaseUrlDisablesModel() {
        assertFalse(new LlmSettings(Optional.of("  "), Optional.empty(), "gpt-4o-mini").enabled());
    }

    @Test
    void baseUrlEnablesModel() {
        assertTrue(new LlmSettings(Optional.of("http://127.0.0.1:8000/v1"), Optional.empty(), "gpt-4o-mini").enabled());
    }

    @Test
    void enabledKeyOverridesBaseUrl() {
        assertFalse(new LlmSettings(Optional.of("http://127.0.0.1:8000/v1"), Optional.of(false), "gpt-4o-mini").enabled());
    }
}
