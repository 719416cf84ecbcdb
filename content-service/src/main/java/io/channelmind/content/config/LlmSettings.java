package io.channelmind.content.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Whether copy generation uses the language model. The key
 * {@code channelmind.content.llm.enabled} decides when it is set. When it is unset, the model
 * is used exactly when {@code channelmind.content.llm.base-url} (the env var OPENAI_BASE_URL)
 * is set and not blank. Otherwise the template copywriter writes every copy and the model is
 * never called.
 */
@ApplicationScoped
public class LlmSettings {

    private static final Logger LOG = Logger.getLogger(LlmSettings.class);

    private final boolean enabled;
    private final String modelName;

    public LlmSettings(@ConfigProperty(name = "channelmind.content.llm.base-url") Optional<String> baseUrl,
            @ConfigProperty(name = "channelmind.content.llm.enabled") Optional<Boolean> enabled,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String modelName) {
        this.enabled = enabled.orElseGet(() -> baseUrl.filter(url -> !url.isBlank()).isPresent());
        this.modelName = modelName;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Returns the model name that each request names and that LLM copy reports as {@code model}. */
    public String modelName() {
        return modelName;
    }

    void logChoice(@Observes StartupEvent event) {
        if (enabled) {
            LOG.infof("Copy generation uses the model %s, with the template copywriter as fallback", modelName);
        } else {
            LOG.info("No model configured (OPENAI_BASE_URL is unset); the template copywriter writes every copy");
        }
    }
}
