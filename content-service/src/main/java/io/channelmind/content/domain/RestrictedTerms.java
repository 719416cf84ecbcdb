package io.channelmind.content.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * or none. The default dictionary is the resource {@value #RESOURCE}.
 */
public final class RestrictedTerms {

    public static final String RESOURCE = "guardrails/restricted-terms.txt";
    public static final String GENERAL = "general";
    static final String EXCEPTIONS = "exceptions";

    private static final RestrictedTerms DEFAULTS = load(RESOURCE);

    private final Map<String, Pattern> sections;
    private final Pattern exceptions;

    private RestrictedTerms(Map<String, List<String>> terms) {
        this.sections = new LinkedHashMap<>();
        terms.forEach((section, list) -> {
            if (!section.equals(EXCEPTIONS)) {
                sections.put(section, compile(list));
            }
        });
        this.exceptions = compile(terms.getOrDefault(EXCEPTIONS, List.of()));
    }

    public static RestrictedTerms defaults() {
        return DEFAULTS;
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
}
