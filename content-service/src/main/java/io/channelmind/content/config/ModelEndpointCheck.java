package io.channelmind.content.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.web.egress.EgressGuard;
import io.channelmind.web.egress.EgressRejectedException;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks the model and fine-tuning URLs with the egress guard at startup, so that an endpoint
 * that resolves to a private, loopback, link-local or cloud metadata address stops the service
 * unless {@code channelmind.egress.allow-list} names it.
 */
@ApplicationScoped
public class ModelEndpointCheck {

    static final String MODEL_URL_KEY = "quarkus.langchain4j.openai.base-url";
    static final String FINE_TUNING_URL_KEY = "channelmind.content.llm.base-url";

    private static final Logger LOG = Logger.getLogger(ModelEndpointCheck.class);

    private final EgressGuard guard;
    private final LlmSettings llm;
    private final String modelUrl;
    private final Optional<String> fineTuningUrl;

    public ModelEndpointCheck(EgressGuard guard, LlmSettings llm, @ConfigProperty(name = MODEL_URL_KEY) String modelUrl,
            @ConfigProperty(name = FINE_TUNING_URL_KEY) Optional<String> fineTuningUrl) {
        this.guard = guard;
        this.llm = llm;
        this.modelUrl = modelUrl;
        this.fineTuningUrl = fineTuningUrl.filter(url -> !url.isBlank()).map(String::strip);
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = check();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    /**
     * Returns one message for each URL in use that the guard rejects. A host that does not
     * resolve yet is logged at WARN and passes, because DNS may recover before the first call.
     */
    List<String> check() {
        List<String> problems = new ArrayList<>();
        // The model URL has a loopback default that is never called while the model is off.
        if (llm.enabled()) {
            checkUrl(MODEL_URL_KEY, modelUrl).ifPresent(problems::add);
        }
        fineTuningUrl.flatMap(url -> checkUrl(FINE_TUNING_URL_KEY, url)).ifPresent(problems::add);
        return problems;
    }

    private Optional<String> checkUrl(String key, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of(key + " is not a valid URL; set an absolute http or https URL");
        }
        try {
            // NOTE: the model and fine-tuning clients resolve the host again when they connect,
            // so this check does not stop a DNS rebinding after startup.
            guard.check(uri);
            return Optional.empty();
        } catch (EgressRejectedException e) {
            if (e.reason() == EgressRejectedException.Reason.UNRESOLVED_HOST) {
                LOG.warnf("%s: %s", key, e.getMessage());
                return Optional.empty();
            }
            return Optional.of(key + " is rejected: " + e.getMessage());
        }
    }
}
