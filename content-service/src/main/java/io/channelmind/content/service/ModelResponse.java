package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.channelmind.content.domain.AbsoluteClaims;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.ChannelRules;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.GuardrailFinding;
import io.channelmind.content.domain.Guardrails;
import io.channelmind.content.domain.ResponsiveSearchAd;
import io.channelmind.content.domain.RestrictedTerms;

/**
 * One response of the model, parsed and checked against the channel rules, the brief and the
 * list of absolute claims.
 *
 * @param raw the response text as the model returned it
 * @param draft the parsed subject and body, empty when the response was not the expected JSON
 * @param violations the broken rules, as sentences for the revision prompt
 * @param claims absolute claims and the industry's restricted terms found in the draft
 */
record ModelResponse(String raw, Optional<Draft> draft, List<String> violations, List<String> claims) {

    static final String INVALID_JSON = "The answer was not one JSON object with the string members \"subject\" and "
            + "\"body\"; answer with that object only.";
    static final String INVALID_SEARCH_AD_JSON = "The answer was not one JSON object with the string arrays \"headlines\", "
            + "\"descriptions\" and \"paths\"; answer with that object only.";

    /**
     * Subject (null outside e-mail) and body of a parsed response.
     *
     * @param searchAd the parsed ad of a search-ad response, else null; its body is {@link ResponsiveSearchAd#toBody()}
     */
    record Draft(String subject, String body, ResponsiveSearchAd searchAd) {
    }

    static ModelResponse check(CopySpec spec, String raw, ObjectMapper json) {
        boolean searchAd = spec.format() == ChannelFormat.SEARCH_AD;
        Optional<JsonNode> node = readObject(raw, json, !searchAd);
        if (node.isEmpty()) {
            return new ModelResponse(raw, Optional.empty(), List.of(searchAd ? INVALID_SEARCH_AD_JSON : INVALID_JSON), List.of());
        }
        List<String> schemaViolations = OutputSchema.violations(OutputSchema.forFormat(spec.format()), node.get());
        if (!schemaViolations.isEmpty()) {
            List<String> violations = new ArrayList<>();
            violations.add("The answer does not match the JSON schema of the output:");
            violations.addAll(schemaViolations);
            return new ModelResponse(raw, Optional.empty(), violations, List.of());
        }
        Draft draft = searchAd ? searchAdDraft(node.get()) : draft(node.get(), spec.format());
        return checkDraft(spec, raw, draft);
    }

    /** Checks a parsed draft against the channel rules, the guardrails and the prompt-leak check. */
    static ModelResponse checkDraft(CopySpec spec, String raw, Draft parsed) {
        Optional<Draft> draft = Optional.of(parsed);
        String subject = parsed.subject();
        String body = parsed.body();
        List<String> violations = new ArrayList<>();
        // The ad's own sentences name each headline; the body rules add the language and placeholder checks.
        List<String> adViolations = parsed.searchAd() == null ? List.of() : parsed.searchAd().violations();
        violations.addAll(adViolations.isEmpty() ? ChannelRules.violations(spec, subject, body) : adViolations);
        // Every headline, description and path is in the body, so the guardrails check all of them.
        String text = subject == null ? body : subject + "\n" + body;
        // Restricted terms end the model path, so they are collected as claims rather than as
        // violations. Each dictionary scans the text once.
        List<String> claims = new ArrayList<>();
        claims.addAll(AbsoluteClaims.find(text));
        claims.addAll(RestrictedTerms.defaults().findForIndustry(spec.options().industry(), text));
        for (GuardrailFinding finding : Guardrails.checkExceptRestrictedTerms(spec, text)) {
            violations.add(finding.reason().equals(Guardrails.UNGROUNDED) ? finding.message() : finding.warning());
        }
        violations.addAll(PromptLeak.violations(text));
        return new ModelResponse(raw, draft, violations, claims);
    }

    boolean accepted() {
        return draft.isPresent() && violations.isEmpty() && claims.isEmpty();
    }

    boolean parsed() {
        return draft.isPresent();
    }

    /**
     * Reads the JSON object, tolerating a Markdown code fence or text around it. A missing
     * {@code subject} counts as null, because a model asked for {@code json_object} or plain text
     * often leaves out a null member.
     */
    private static Optional<JsonNode> readObject(String raw, ObjectMapper json, boolean defaultSubject) {
        if (raw == null) {
            return Optional.empty();
        }
        int start = raw.indexOf('{');
        int end = raw.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(raw.substring(start, end + 1));
            if (defaultSubject && node instanceof ObjectNode object && !object.has("subject")) {
                object.putNull("subject");
            }
            return Optional.ofNullable(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Reads a schema-valid response; the subject is dropped outside e-mail, where the channel has none. */
    private static Draft draft(JsonNode node, ChannelFormat format) {
        JsonNode subject = node.path("subject");
        String subjectText = format == ChannelFormat.EMAIL && subject.isTextual() ? subject.asText().strip() : null;
        return new Draft(subjectText, node.path("body").asText().strip().replace("\r\n", "\n"), null);
    }

    /** Reads a schema-valid search-ad response, with each text stripped of surrounding spaces. */
    private static Draft searchAdDraft(JsonNode node) {
        ResponsiveSearchAd ad = new ResponsiveSearchAd(texts(node.path("headlines")), texts(node.path("descriptions")),
                texts(node.path("paths")));
        return new Draft(null, ad.toBody(), ad);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText().strip()));
        return texts;
    }
}
