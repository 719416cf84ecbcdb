package io.channelmind.content.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * Brand rules from configuration, for example
 * {@code channelmind.content.brands.acme-bank.banned-words=cheap,免费} and
 * {@code channelmind.content.brands.acme-bank.disclaimer=理财有风险，投资需谨慎} and
 * {@code channelmind.content.brands.acme-bank.model=ft:gpt-4o-mini:acme::abc123}.
 */
@ConfigMapping(prefix = "channelmind.content.brands")
public interface BrandSettings {

    /** Brand name, as requests spell it, to its rules. */
    @WithParentName
    Map<String, Brand> brands();

    interface Brand {

        /** Words the copy must not contain, matched ignoring case. */
        Optional<List<String>> bannedWords();

        /** Text the copy must contain word for word. */
        Optional<String> disclaimer();

        /** Model that writes this brand's copy, such as a fine-tuned model; unset means the configured model. */
        Optional<String> model();
    }
}
