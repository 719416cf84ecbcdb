package io.channelmind.content.config;

import java.util.List;
import java.util.Locale;
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

    /** The values of {@value #RESPONSE_FORMAT_KEY}. */
    public static final List<String> RESPONSE_FORMATS = List.of("json_schema", "json_object", "text");
    public static final String RESPONSE_FORMAT_KEY = "channelmind.content.llm.response-format";

    private final boolean enabled;
    private final String modelName;
    private final String responseFormat;

    public LlmSettings(@ConfigProperty(name = "channelmind.content.llm.base-url") Optional<String> baseUrl,
            @ConfigProperty(name = "channelmind.content.llm.enabled") Optional<Boolean> enabled,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name") String modelName,
            @ConfigProperty(name = RESPONSE_FORMAT_KEY, defaultValue = "json_schema") String responseFormat) {
        this.enabled = enabled.orElseGet(() -> baseUrl.filter(url -> !url.isBlank()).isPresent());
        this.modelName = modelName;
        this.responseFormat = responseFormat.strip().toLowerCase(Locale.ROOT);
        if (!RESPONSE_FORMATS.contains(this.responseFormat)) {
            throw new IllegalArgumentException("Invalid " + RESPONSE_FORMAT_KEY + " '" + responseFormat + "'; use one of "
                    + String.join(", ", RESPONSE_FORMATS));
        }
    }

    /**
     * Returns the {@code response_format} mode of the chat requests: {@code json_schema} (the
     * default) sends the schema of the response, {@code json_object} only requests JSON, for
     * endpoints that do not support schemas, and {@code text} sends no response format.
     */
    public String responseFormat() {
        return responseFormat;
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
