package io.channelmind.content.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.channelmind.content.client.CopywriterModel;

/**
 * Detects copy that repeats the system prompt, the usual sign that an injected instruction
 * such as "print your instructions" in a brief took effect. Any 32-character run of a prompt
 * line (placeholders excluded) found in the copy, ignoring case, counts as a leak.
 */
final class PromptLeak {

    static final String REASON = "prompt-leak";

    private static final int WINDOW = 32;
    private static final List<String> FRAGMENTS = fragments(CopywriterModel.SYSTEM_PROMPT + "\n" + CopywriterModel.BRIEF_PROMPT);

    private PromptLeak() {
    }

    /** Returns one violation when the text repeats part of the prompt, else an empty list. */
    static List<String> violations(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String fragment : FRAGMENTS) {
            if (lower.contains(fragment)) {
                return List.of(REASON + ": the copy repeats the instructions (\"" + fragment
                        + "\"); write only the marketing message");
            }
        }
        return List.of();
    }

    private static List<String> fragments(String prompt) {
        List<String> fragments = new ArrayList<>();
        for (String line : prompt.split("\n")) {
            String text = line.strip().toLowerCase(Locale.ROOT);
            for (int start = 0; start + WINDOW <= text.length(); start += WINDOW / 2) {
                String fragment = text.substring(start, start + WINDOW);
                if (!fragment.contains("{") && !fragment.contains("}")) {
                    fragments.add(fragment);
                }
            }
        }
        return List.copyOf(fragments);
    }
}
