package io.channelmind.content.domain;

import java.util.List;

/**
 * The banned words and required disclaimer of one brand.
 *
 * @param name brand name as requests spell it
 * @param bannedWords words the copy must not contain, matched ignoring case
 * @param disclaimer text the copy must contain word for word, or null when none is required
 */
public record BrandRule(String name, List<String> bannedWords, String disclaimer) {

    public BrandRule {
        bannedWords = bannedWords == null ? List.of() : List.copyOf(bannedWords);
    }
}
