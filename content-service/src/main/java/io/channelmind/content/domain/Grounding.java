package io.channelmind.content.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the facts in a model's copy come from the brief: every link, e-mail address,
 * discount, percentage, date and number must appear in the brief's text. Discounts,
 * percentages, dates and counts may be written in digits or in words ({@link WrittenFacts}), so
 * 八折 in the copy matches "20% off" in the brief, 三成 matches 30%, and Dec 12 matches 12月12日.
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

        // A link needs "://" and an e-mail address an @, so most copy skips both scans.
        String rest = text;
        if (rest.contains("://")) {
            for (String link : find(LINK, rest)) {
                String trimmed = TRAILING_PUNCTUATION.matcher(link).replaceAll("");
                if (!source.contains(trimmed)) {
                    violations.add("The copy contains the link " + trimmed + ", which is not in the brief; use only the brief's link.");
                }
            }
            rest = LINK.matcher(rest).replaceAll(" ");
        }

        if (rest.indexOf('@') >= 0) {
            if (find(EMAIL_ADDRESS, rest).stream().anyMatch(address -> !source.contains(address))) {
                violations.add("The copy contains an e-mail address that is not in the brief; remove it.");
            }
            rest = EMAIL_ADDRESS.matcher(rest).replaceAll(" ");
        }

        List<WrittenFacts.Fact> briefFacts = WrittenFacts.find(source);
        Set<String> knownFacts = new HashSet<>();
        Set<String> knownNumbers = numbers(source);
        for (WrittenFacts.Fact fact : briefFacts) {
            knownFacts.add(fact.key());
            if (fact.kind() == WrittenFacts.Kind.DATE && fact.value().chars().filter(c -> c == '-').count() == 2) {
                // A date with its year in the brief also grounds the same day written without the year.
                knownFacts.add(WrittenFacts.Kind.DATE + ":" + fact.value().substring(fact.value().indexOf('-') + 1));
            }
            if (fact.kind() == WrittenFacts.Kind.NUMBER) {
                knownNumbers.add(fact.value());
            }
        }
        for (String number : knownNumbers) {
            plainNumber(number).ifPresent(value -> knownFacts.add(WrittenFacts.Kind.NUMBER + ":" + value));
        }
        List<WrittenFacts.Fact> copyFacts = WrittenFacts.find(rest);
        for (WrittenFacts.Fact fact : copyFacts) {
            if (!isKnown(fact, knownFacts)) {
                violations.add("The copy contains the " + fact.kind().noun + " " + describe(fact)
                        + ", which is not in the brief; use only " + fact.kind().noun + "s from the brief.");
            }
        }
        rest = WrittenFacts.blankOut(rest, copyFacts);

        for (String number : numbers(rest)) {
            if (!knownNumbers.contains(number)) {
                violations.add("The copy contains the number " + number
                        + ", which is not in the brief; use only numbers from the brief.");
            }
        }
        return violations;
    }

    /** Returns the fact as written, with its value in brackets where the text alone does not show it: 七五折 (25% off). */
    private static String describe(WrittenFacts.Fact fact) {
        String written = fact.text().replace(" ", "");
        return written.equalsIgnoreCase(fact.meaning().replace(" ", "")) ? fact.text() : fact.text() + " (" + fact.meaning() + ")";
    }

    /** Tells whether the brief states the fact; a discount of X % matches a percentage of X and the other way round. */
    private static boolean isKnown(WrittenFacts.Fact fact, Set<String> knownFacts) {
        if (knownFacts.contains(fact.key())) {
            return true;
        }
        return switch (fact.kind()) {
            case DISCOUNT -> knownFacts.contains(WrittenFacts.Kind.PERCENTAGE + ":" + fact.value());
            case PERCENTAGE -> knownFacts.contains(WrittenFacts.Kind.DISCOUNT + ":" + fact.value());
            default -> false;
        };
    }

    /** Returns a number in digits as a plain decimal, empty when it is not one, such as 1.000.000. */
    private static Optional<String> plainNumber(String number) {
        try {
            return Optional.of(WrittenFacts.plain(new BigDecimal(number)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the numbers written in digits, without thousands separators, so 1,000 equals 1000. */
    private static Set<String> numbers(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String number : find(NUMBER, text)) {
            numbers.add(number.indexOf(',') < 0 ? number : THOUSANDS_SEPARATOR.matcher(number).replaceAll("$1"));
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
