package io.channelmind.content.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the facts in a model's copy come from the brief: every link, e-mail address and
 * number written in digits must appear in the brief's text.
 *
 * NOTE: numbers written in words (三天, 五折, "two days") are not checked.
 */
public final class Grounding {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s，。！？、；：）」】<>\"]+");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,!?;:)]+$");
    private static final Pattern THOUSANDS_SEPARATOR = Pattern.compile(",(\\d{3})");

    private Grounding() {
    }

    /** Returns one sentence per fact in {@code text} that the brief does not contain. */
    public static List<String> violations(CopyBrief brief, String text) {
        String source = brief.allText();
        List<String> violations = new ArrayList<>();

        String rest = text;
        for (String link : find(LINK, rest)) {
            String trimmed = TRAILING_PUNCTUATION.matcher(link).replaceAll("");
            if (!source.contains(trimmed)) {
                violations.add("The copy contains the link " + trimmed + ", which is not in the brief; use only the brief's link.");
            }
        }
        rest = LINK.matcher(rest).replaceAll(" ");

        if (find(EMAIL_ADDRESS, rest).stream().anyMatch(address -> !source.contains(address))) {
            violations.add("The copy contains an e-mail address that is not in the brief; remove it.");
        }
        rest = EMAIL_ADDRESS.matcher(rest).replaceAll(" ");

        Set<String> knownNumbers = numbers(source);
        for (String number : numbers(rest)) {
            if (!knownNumbers.contains(number)) {
                violations.add("The copy contains the number " + number
                        + ", which is not in the brief; use only numbers from the brief.");
            }
        }
        return violations;
    }

    /** Returns the numbers written in digits, without thousands separators, so 1,000 equals 1000. */
    private static Set<String> numbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String number : find(NUMBER, text)) {
            numbers.add(THOUSANDS_SEPARATOR.matcher(number).replaceAll("$1"));
        }
        return numbers;
    }

    private static List<String> find(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
