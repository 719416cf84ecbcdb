package io.channelmind.content.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A responsive search ad: 3 to 15 headlines of at most 30 width units, 2 to 4 descriptions of
 * at most 90, no two headlines alike, and up to two display-path fields of at most 15. Width
 * follows the search-ad convention that a double-width character (Chinese, Japanese, Korean,
 * full-width forms) counts as two and every other character as one.
 *
 * A stored copy keeps the ad in its body as {@link #toBody()} writes it: the headlines one a
 * line, a blank line, the descriptions one a line, and, when there are display paths, a blank
 * line and the paths joined by {@code /}. No text of the ad may contain a line break, so
 * {@link #fromBody} reads that body back.
 */
public record ResponsiveSearchAd(List<String> headlines, List<String> descriptions, List<String> paths) {

    public static final int MIN_HEADLINES = 3;
    public static final int MAX_HEADLINES = 15;
    public static final int HEADLINE_MAX_WIDTH = 30;
    public static final int MIN_DESCRIPTIONS = 2;
    public static final int MAX_DESCRIPTIONS = 4;
    public static final int DESCRIPTION_MAX_WIDTH = 90;
    public static final int MAX_PATHS = 2;
    public static final int PATH_MAX_WIDTH = 15;

    public ResponsiveSearchAd {
        headlines = headlines == null ? List.of() : List.copyOf(headlines);
        descriptions = descriptions == null ? List.of() : List.copyOf(descriptions);
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** Returns the display width: 2 for each East Asian wide or full-width code point, 1 for the others. */
    public static int width(String text) {
        return text.codePoints().map(ResponsiveSearchAd::codePointWidth).sum();
    }

    /** Returns the body text of the stored copy: headlines, descriptions and paths in blocks separated by a blank line. */
    public String toBody() {
        String body = String.join("\n", headlines) + "\n\n" + String.join("\n", descriptions);
        return paths.isEmpty() ? body : body + "\n\n" + String.join("/", paths);
    }

    /** Reads a body that {@link #toBody()} wrote; a body of another shape gives an ad with the lines it has. */
    public static ResponsiveSearchAd fromBody(String body) {
        String[] blocks = body.replace("\r\n", "\n").split("\n\n", 3);
        List<String> headlines = lines(blocks[0]);
        List<String> descriptions = blocks.length > 1 ? lines(blocks[1]) : List.of();
        List<String> paths = blocks.length > 2 ? List.of(blocks[2].strip().split("/")) : List.of();
        return new ResponsiveSearchAd(headlines, descriptions, paths);
    }

    /**
     * Returns the valid part of an ad: the headlines and descriptions without the empty,
     * too wide, multi-line and repeated ones, cut to the maximum counts, and the paths when
     * they are all valid. Empty when fewer than the minimum headlines or descriptions remain.
     */
    public Optional<ResponsiveSearchAd> validPart() {
        Set<String> seen = new HashSet<>();
        List<String> keptHeadlines = headlines.stream()
                .filter(text -> fits(text, HEADLINE_MAX_WIDTH) && seen.add(normalise(text)))
                .limit(MAX_HEADLINES)
                .toList();
        List<String> keptDescriptions = descriptions.stream()
                .filter(text -> fits(text, DESCRIPTION_MAX_WIDTH))
                .limit(MAX_DESCRIPTIONS)
                .toList();
        ResponsiveSearchAd part = new ResponsiveSearchAd(keptHeadlines, keptDescriptions, paths);
        if (!part.pathViolations().isEmpty()) {
            part = new ResponsiveSearchAd(keptHeadlines, keptDescriptions, List.of());
        }
        return part.violations().isEmpty() ? Optional.of(part) : Optional.empty();
    }

    /** Returns the number of headlines and descriptions, the measure of the richer of two valid ads. */
    public int size() {
        return headlines.size() + descriptions.size();
    }

    /** Returns one sentence per broken limit; empty when the ad is valid. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (headlines.size() < MIN_HEADLINES || headlines.size() > MAX_HEADLINES) {
            violations.add("The ad has " + headlines.size() + " headlines; write " + MIN_HEADLINES + " to " + MAX_HEADLINES + ".");
        }
        if (descriptions.size() < MIN_DESCRIPTIONS || descriptions.size() > MAX_DESCRIPTIONS) {
            violations.add("The ad has " + descriptions.size() + " descriptions; write " + MIN_DESCRIPTIONS + " to "
                    + MAX_DESCRIPTIONS + ".");
        }
        checkWidths("Headline", headlines, HEADLINE_MAX_WIDTH, violations);
        checkWidths("Description", descriptions, DESCRIPTION_MAX_WIDTH, violations);
        Set<String> seen = new HashSet<>();
        for (String headline : headlines) {
            if (headline != null && !seen.add(normalise(headline))) {
                violations.add("The headline \"" + headline + "\" appears twice; make every headline different.");
            }
        }
        violations.addAll(pathViolations());
        return violations;
    }

    private List<String> pathViolations() {
        List<String> violations = new ArrayList<>();
        if (paths.size() > MAX_PATHS) {
            violations.add("The ad has " + paths.size() + " display paths; use at most " + MAX_PATHS + ".");
        }
        checkWidths("Display path", paths, PATH_MAX_WIDTH, violations);
        for (String path : paths) {
            if (path != null && (path.contains("/") || path.chars().anyMatch(Character::isWhitespace))) {
                violations.add("The display path \"" + path + "\" contains a slash or a space; use one word per path field.");
            }
        }
        return violations;
    }

    private static boolean fits(String text, int maxWidth) {
        return text != null && !text.isBlank() && !text.contains("\n") && !text.contains("\r") && width(text) <= maxWidth;
    }

    private static List<String> lines(String block) {
        return block.isBlank() ? List.of() : List.of(block.strip().split("\n"));
    }

    private static void checkWidths(String kind, List<String> texts, int maxWidth, List<String> violations) {
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                violations.add(kind + " " + (i + 1) + " is empty; write text or remove it.");
            } else if (text.contains("\n") || text.contains("\r")) {
                violations.add(kind + " " + (i + 1) + " \"" + text + "\" contains a line break; write it as one line.");
            } else if (width(text) > maxWidth) {
                violations.add(kind + " " + (i + 1) + " \"" + text + "\" is " + width(text) + " wide; the maximum is " + maxWidth
                        + ", and each Chinese, Japanese or Korean character counts as two.");
            }
        }
    }

    /** Headlines that differ only in case or spaces count as duplicates. */
    private static String normalise(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static int codePointWidth(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        boolean wideScript = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
        // CJK punctuation (U+3000-U+303F) and full-width forms (U+FF01-U+FF60, U+FFE0-U+FFE6).
        boolean wideForm = (codePoint >= 0x3000 && codePoint <= 0x303F) || (codePoint >= 0xFF01 && codePoint <= 0xFF60)
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6);
        return wideScript || wideForm ? 2 : 1;
    }
}
