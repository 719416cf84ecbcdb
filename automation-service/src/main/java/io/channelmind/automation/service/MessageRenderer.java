package io.channelmind.automation.service;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.channelmind.automation.domain.CopySummary;

/**
 * Turns campaign copy into one recipient's message: fills the {@code {{firstName}}} and
 * {@code {{unsubscribeUrl}}} placeholders, removes unknown placeholders, and builds a
 * plain-text and an HTML part. Copy without an unsubscribe placeholder gets an unsubscribe
 * line at the end.
 */
public final class MessageRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    private static final String FIRST_NAME = "firstName";
    private static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    private static final int MAX_FIRST_NAME = 100;

    private MessageRenderer() {
    }

    /** One recipient's message. */
    public record RenderedMessage(String subject, String text, String html) {
    }

    /**
     * Renders the copy for one recipient. A missing first name becomes a neutral greeting word
     * of the locale, and a null subject becomes {@code fallbackSubject}.
     */
    public static RenderedMessage render(CopySummary copy, String firstName, String locale, String unsubscribeUrl,
            String fallbackSubject) {
        String name = cleanFirstName(firstName, locale);
        String body = copy.body();
        boolean hasUnsubscribe = PLACEHOLDER.matcher(body).results().anyMatch(match -> UNSUBSCRIBE_URL.equals(match.group(1)));
        if (!hasUnsubscribe) {
            body = body + "\n\n" + unsubscribeLine(locale);
        }

        String subjectTemplate = copy.subject() == null || copy.subject().isBlank() ? fallbackSubject : copy.subject();
        String subject = fill(subjectTemplate, Map.of(FIRST_NAME, name, UNSUBSCRIBE_URL, unsubscribeUrl)).replaceAll("\\s+", " ").trim();
        String text = fill(body, Map.of(FIRST_NAME, name, UNSUBSCRIBE_URL, unsubscribeUrl));
        String link = "<a href=\"" + escapeHtml(unsubscribeUrl) + "\">" + escapeHtml(unsubscribeUrl) + "</a>";
        String html = toHtml(fill(escapeHtml(body), Map.of(FIRST_NAME, escapeHtml(name), UNSUBSCRIBE_URL, link)));
        return new RenderedMessage(subject, text, html);
    }

    private static String unsubscribeLine(String locale) {
        return "zh-CN".equals(locale) ? "退订：{{unsubscribeUrl}}" : "Unsubscribe: {{unsubscribeUrl}}";
    }

    private static String cleanFirstName(String firstName, String locale) {
        String name = firstName == null ? "" : firstName.replaceAll("\\p{Cntrl}", " ").trim();
        if (name.length() > MAX_FIRST_NAME) {
            name = name.substring(0, MAX_FIRST_NAME);
        }
        if (name.isEmpty()) {
            return "zh-CN".equals(locale) ? "顾客" : "there";
        }
        return name;
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String toHtml(String escapedText) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
        for (String paragraph : escapedText.split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(paragraph.strip().replaceAll("\\R", "<br>")).append("</p>");
            }
        }
        return html.append("</body></html>").toString();
    }

    static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
