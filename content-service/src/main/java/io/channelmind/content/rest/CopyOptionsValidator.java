package io.channelmind.content.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.channelmind.content.config.BrandSettings;
import io.channelmind.content.domain.BrandRule;
import io.channelmind.content.domain.CopyOptions;
import io.channelmind.content.domain.RestrictedTerms;
import io.channelmind.web.Problem;

/** Checks the per-request options of a copy request: SMS segments, variant number, brand and industry. */
@ApplicationScoped
public class CopyOptionsValidator {

    static final int MAX_SMS_SEGMENTS = 10;
    static final int MAX_VARIANT = 10;

    private final BrandSettings brands;

    public CopyOptionsValidator(BrandSettings brands) {
        this.brands = brands;
    }

    /** Adds an error per invalid option to the problem; returns the number of errors. */
    int check(Problem.Builder problem, CopyRequest request) {
        int errors = 0;
        Integer segments = request.maxSmsSegments();
        if (segments != null && (segments < 1 || segments > MAX_SMS_SEGMENTS)) {
            problem.error("maxSmsSegments", segments, "Use 1 to " + MAX_SMS_SEGMENTS
                    + "; each extra segment is billed as one more SMS");
            errors++;
        }
        Integer variant = request.variant();
        if (variant != null && (variant < 1 || variant > MAX_VARIANT)) {
            problem.error("variant", variant, "Use 1 to " + MAX_VARIANT + "; each number asks for a different wording of the brief");
            errors++;
        }
        errors += checkVariants(problem, request);
        if (request.brand() != null && !request.brand().isBlank() && !brands.brands().containsKey(request.brand().strip())) {
            problem.error("brand", request.brand(), brandHint());
            errors++;
        }
        String industry = normalise(request.industry());
        if (industry != null && !RestrictedTerms.defaults().industries().contains(industry)) {
            problem.error("industry", request.industry(), "Use one of: "
                    + String.join(", ", RestrictedTerms.defaults().industries()) + ", or leave it out");
            errors++;
        }
        return errors;
    }

    /**
     * Checks the number of variants: 1 to {@value #MAX_VARIANT}, only on the variants endpoint
     * (where {@code variants} defaults to 1), and never together with a single {@code variant} number.
     */
    private static int checkVariants(Problem.Builder problem, CopyRequest request) {
        Integer variants = request.variants();
        if (variants == null) {
            return 0;
        }
        if (variants < 1 || variants > MAX_VARIANT) {
            problem.error("variants", variants, "Use 1 to " + MAX_VARIANT + " on POST /api/v1/copy/variants");
            return 1;
        }
        if (request.variant() != null) {
            problem.error("variant", request.variant(), "Leave variant out when variants is set; the copies get the numbers 1 to "
                    + variants);
            return 1;
        }
        return 0;
    }

    /** Builds the options of a request that {@link #check} accepted. */
    CopyOptions toOptions(CopyRequest request) {
        int segments = request.maxSmsSegments() == null ? 1 : request.maxSmsSegments();
        BrandRule brand = null;
        if (request.brand() != null && !request.brand().isBlank()) {
            String name = request.brand().strip();
            BrandSettings.Brand settings = brands.brands().get(name);
            brand = new BrandRule(name, settings.bannedWords().orElse(List.of()), settings.disclaimer().orElse(null));
        }
        int variant = request.variant() == null ? 1 : request.variant();
        return new CopyOptions(segments, brand, normalise(request.industry()), variant);
    }

    private String brandHint() {
        Map<String, BrandSettings.Brand> configured = brands.brands();
        if (configured.isEmpty()) {
            return "No brands are configured; leave brand out, or configure channelmind.content.brands.<name>.banned-words "
                    + "and .disclaimer";
        }
        return "Use one of the configured brands: " + String.join(", ", configured.keySet().stream().sorted().toList());
    }

    private static String normalise(String industry) {
        return industry == null || industry.isBlank() ? null : industry.strip().toLowerCase(Locale.ROOT);
    }
}
