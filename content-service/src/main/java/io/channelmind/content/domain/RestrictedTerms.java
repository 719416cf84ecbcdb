package io.channelmind.content.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dictionary of restricted terms: absolute claims for every copy, extra terms per industry,
 * and exception words in which a match is ignored (最 in 最近). Chinese terms match anywhere,
 * Latin terms match whole words ignoring case, and a space in a term matches any run of spaces
 * or none. The built-in dictionary is the resource {@value #RESOURCE}; {@link #install}
 * replaces the dictionary that {@link #defaults()} returns, for example with the built-in
 * terms merged with an external file read at start-up.
 */
public final class RestrictedTerms {

    public static final String RESOURCE = "guardrails/restricted-terms.txt";
    public static final String GENERAL = "general";
    static final String EXCEPTIONS = "exceptions";

    /** Maximum length of a term in characters. A longer line is a mistake, such as a pasted paragraph. */
    static final int MAX_TERM = 100;

    private static final RestrictedTerms BUILT_IN = load(RESOURCE);
    private static final Pattern SECTION_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private static volatile RestrictedTerms current = BUILT_IN;

    private final Map<String, List<String>> terms;
    private final Map<String, Pattern> sections;
    private final Pattern exceptions;

    private RestrictedTerms(Map<String, List<String>> terms) {
        this.terms = terms;
        this.sections = new LinkedHashMap<>();
        terms.forEach((section, list) -> {
            if (!section.equals(EXCEPTIONS)) {
                sections.put(section, compile(list));
            }
        });
        this.exceptions = compile(terms.getOrDefault(EXCEPTIONS, List.of()));
    }

    /** Returns the dictionary in use: the built-in one unless {@link #install} replaced it. */
    public static RestrictedTerms defaults() {
        return current;
    }

    /** Returns the dictionary of the resource {@value #RESOURCE}. */
    public static RestrictedTerms builtIn() {
        return BUILT_IN;
    }

    /** Makes {@code dictionary} the one that {@link #defaults()} returns to every guardrail check. */
    public static void install(RestrictedTerms dictionary) {
        current = dictionary;
    }

    /**
     * Reads a dictionary file in the format of {@value #RESOURCE}, checking every line.
     *
     * @throws InvalidDictionaryException when the file is missing, unreadable, not UTF-8 or has an invalid line
     */
    public static RestrictedTerms read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new InvalidDictionaryException("Restricted-terms file " + file + " is not valid UTF-8; save it as UTF-8", e);
        } catch (IOException e) {
            throw new InvalidDictionaryException("Restricted-terms file " + file + " cannot be read (" + e
                    + "); check channelmind.content.guardrails.restricted-terms-file", e);
        }
        return parseStrict(lines, file.toString());
    }

    /**
     * Parses dictionary lines like {@link #parse}, but rejects a malformed line instead of
     * reading it as a term: an unclosed or invalid {@code [section]} header, a term with a
     * control character or one longer than {@value #MAX_TERM} characters.
     *
     * @param source the file name for the error message
     */
    static RestrictedTerms parseStrict(List<String> lines, String source) {
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            String problem = lineProblem(text);
            if (problem != null) {
                throw new InvalidDictionaryException("Restricted-terms file " + source + " line " + (i + 1) + " is invalid: "
                        + problem + " (line: \"" + abbreviate(text) + "\")", null);
            }
        }
        return parse(lines);
    }

    /** Returns a dictionary with every term of this one and of {@code other}, section by section. */
    public RestrictedTerms merge(RestrictedTerms other) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        terms.forEach((section, list) -> merged.put(section, new ArrayList<>(list)));
        other.terms.forEach((section, list) -> {
            List<String> target = merged.computeIfAbsent(section, name -> new ArrayList<>());
            list.stream().filter(term -> !target.contains(term)).forEach(target::add);
        });
        return new RestrictedTerms(merged);
    }

    /** Returns the number of terms in all sections, exceptions included. */
    public int size() {
        return terms.values().stream().mapToInt(List::size).sum();
    }

    /** Reads a dictionary from the class path; fails when it is missing, because copy must never go unchecked. */
    public static RestrictedTerms load(String resource) {
        InputStream stream = RestrictedTerms.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("Restricted-terms dictionary " + resource + " not found on the class path");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the restricted-terms dictionary " + resource + " failed", e);
        }
    }

    /** Parses dictionary lines: {@code [section]} headers, one term a line, {@code #} comments at line start. */
    public static RestrictedTerms parse(List<String> lines) {
        Map<String, List<String>> terms = new LinkedHashMap<>();
        String section = GENERAL;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || (text.startsWith("#") && !text.equals("#1"))) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                section = text.substring(1, text.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            terms.computeIfAbsent(section, name -> new ArrayList<>()).add(text);
        }
        return new RestrictedTerms(terms);
    }

    private static String lineProblem(String text) {
        if (text.isEmpty() || (text.startsWith("#") && !text.equals("#1"))) {
            return null;
        }
        if (text.startsWith("[") || text.endsWith("]")) {
            if (!text.startsWith("[") || !text.endsWith("]")) {
                return "a section header is written [name], with both brackets";
            }
            String name = text.substring(1, text.length() - 1).strip().toLowerCase(Locale.ROOT);
            return SECTION_NAME.matcher(name).matches() ? null
                    : "a section name has lower-case letters, digits, '-' or '_', such as [finance]";
        }
        if (CONTROL.matcher(text).find()) {
            return "the term contains a control character such as a tab; write one term per line";
        }
        if (text.length() > MAX_TERM) {
            return "the term has " + text.length() + " characters; the maximum is " + MAX_TERM + ", one term per line";
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** Returns the industries that add terms of their own, such as {@code finance}. */
    public Set<String> industries() {
        Set<String> industries = new LinkedHashSet<>(sections.keySet());
        industries.remove(GENERAL);
        return industries;
    }

    /** Returns the distinct general terms found, in lower case, in order of appearance. */
    public List<String> find(String text) {
        return find(sections.get(GENERAL), text);
    }

    /** Returns the distinct terms of an industry's own section found; empty for null or an unknown industry. */
    public List<String> findForIndustry(String industry, String text) {
        if (industry == null) {
            return List.of();
        }
        return find(sections.get(industry.toLowerCase(Locale.ROOT)), text);
    }

    private List<String> find(Pattern pattern, String text) {
        if (pattern == null || text == null) {
            return List.of();
        }
        List<int[]> excepted = spans(exceptions, text);
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            boolean insideException = excepted.stream().anyMatch(span -> span[0] <= start && end <= span[1]);
            if (!insideException) {
                found.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(found);
    }

    private static List<int[]> spans(Pattern pattern, String text) {
        List<int[]> spans = new ArrayList<>();
        if (pattern == null) {
            return spans;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(), matcher.end()});
        }
        return spans;
    }

    /** Builds one alternation, longest term first, so that 最佳 is reported as itself and not as 最. */
    private static Pattern compile(List<String> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        List<String> sorted = new ArrayList<>(terms);
        sorted.sort((a, b) -> b.length() - a.length());
        List<String> alternatives = new ArrayList<>();
        for (String term : sorted) {
            alternatives.add(termPattern(term));
        }
        return Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String termPattern(String term) {
        StringBuilder pattern = new StringBuilder();
        for (String word : term.split("\\s+")) {
            if (!pattern.isEmpty()) {
                pattern.append("\\s*");
            }
            pattern.append(Pattern.quote(word));
        }
        boolean latin = term.codePoints().allMatch(c -> c < 0x2E80);
        if (!latin) {
            return pattern.toString();
        }
        // A word boundary only where the term starts or ends with a letter or digit: "#1" has none before "#".
        String before = Character.isLetterOrDigit(term.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
        String after = Character.isLetterOrDigit(term.charAt(term.length() - 1)) ? "(?![\\p{L}\\p{N}])" : "";
        return before + pattern + after;
    }

    /** A dictionary file that cannot be used, with the file and line in the message. */
    public static final class InvalidDictionaryException extends RuntimeException {

        InvalidDictionaryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
