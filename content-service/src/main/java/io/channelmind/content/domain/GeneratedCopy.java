package io.channelmind.content.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy that a copywriter wrote and the channel rules accepted.
 *
 * @param generator {@link #TEMPLATE} or {@link #LLM}
 * @param model model name for {@link #LLM}, null for {@link #TEMPLATE}
 * @param subject e-mail subject; null for other formats
 * @param placeholders names of the {@code {{name}}} placeholders that the sender fills in
 * @param warnings findings for the reviewer, each starting with a reason code and a colon
 */
public record GeneratedCopy(String generator, String model, String subject, String body,
        List<String> placeholders, List<String> warnings) {

    public static final String TEMPLATE = "template";
    public static final String LLM = "llm";

    public GeneratedCopy {
        placeholders = List.copyOf(placeholders);
        warnings = List.copyOf(warnings);
    }

    /** Returns this copy with more warnings appended after its own. */
    public GeneratedCopy withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new GeneratedCopy(generator, model, subject, body, placeholders, all);
    }
}
