package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.content.domain.AbsoluteClaims;
import io.channelmind.content.domain.ChannelFormat;
import io.channelmind.content.domain.ChannelRules;
import io.channelmind.content.domain.CopySpec;
import io.channelmind.content.domain.Grounding;

/**
 * One response of the model, parsed and checked against the channel rules, the brief and the
 * list of absolute claims.
 *
 * @param raw the response text as the model returned it
 * @param draft the parsed subject and body, empty when the response was not the expected JSON
 * @param violations the broken rules, as sentences for the revision prompt
 * @param claims absolute claims found in the draft
 */
record ModelResponse(String raw, Optional<Draft> draft, List<String> violations, List<String> claims) {

    static final String INVALID_JSON = "The answer was not one JSON object with the string members \"subject\" and "
            + "\"body\"; answer with that object only.";

    /** Subject (null outside e-mail) and body of a parsed response. */
    record Draft(String subject, String body) {
    }

    static ModelResponse check(CopySpec spec, String raw, ObjectMapper json) {
        Optional<Draft> draft = parse(raw, spec.format(), json);
        if (draft.isEmpty()) {
            return new ModelResponse(raw, draft, List.of(INVALID_JSON), List.of());
        }

        String subject = draft.get().subject();
        String body = draft.get().body();
        List<String> violations = new ArrayList<>(ChannelRules.violations(spec.format(), spec.locale(), subject, body));
        String text = subject == null ? body : subject + "\n" + body;
        violations.addAll(Grounding.violations(spec.brief(), text));
        return new ModelResponse(raw, draft, violations, AbsoluteClaims.find(text));
    }

    boolean accepted() {
        return draft.isPresent() && violations.isEmpty() && claims.isEmpty();
    }

    boolean parsed() {
        return draft.isPresent();
    }

    /**
     * Reads the JSON object, tolerating a Markdown code fence or text around it. The subject is
     * dropped outside e-mail, where the channel has none.
     */
    private static Optional<Draft> parse(String raw, ChannelFormat format, ObjectMapper json) {
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
            JsonNode body = node.path("body");
            JsonNode subject = node.path("subject");
            if (!node.isObject() || !body.isTextual() || !(subject.isTextual() || subject.isNull() || subject.isMissingNode())) {
                return Optional.empty();
            }
            String subjectText = format == ChannelFormat.EMAIL && subject.isTextual() ? subject.asText().strip() : null;
            return Optional.of(new Draft(subjectText, body.asText().strip().replace("\r\n", "\n")));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
