package io.channelmind.content.config;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.channelmind.content.domain.RestrictedTerms;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the restricted-terms file named by {@value #KEY} at start-up and merges it with the
 * built-in dictionary, so that every guardrail check uses both. A missing, unreadable or
 * malformed file stops the start with an error that names the file and the line, because copy
 * checked against a partial dictionary could break advertising law unnoticed.
 */
@ApplicationScoped
public class RestrictedTermsFile {

    public static final String KEY = "channelmind.content.guardrails.restricted-terms-file";

    private static final Logger LOG = Logger.getLogger(RestrictedTermsFile.class);

    private final Optional<String> file;

    public RestrictedTermsFile(@ConfigProperty(name = KEY) Optional<String> file) {
        this.file = file;
    }

    void load(@Observes StartupEvent event) {
        Optional<String> path = file.filter(name -> !name.isBlank());
        if (path.isEmpty()) {
            RestrictedTerms.install(RestrictedTerms.builtIn());
            return;
        }
        RestrictedTerms external = RestrictedTerms.read(Path.of(path.get().strip()));
        RestrictedTerms merged = RestrictedTerms.builtIn().merge(external);
        RestrictedTerms.install(merged);
        LOG.infof("Loaded %d restricted term(s) from %s; %d in use with the built-in dictionary", external.size(), path.get(),
                merged.size());
    }
}
