package io.channelmind.automation.service;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.channelmind.automation.domain.CopySummary;

/**
 * Turns campaign copy into one recipient's message: fills the {@code {{firstName}}} and
 * {@code {{unsubscribeUrl}}} placeholders, removes unknown placeholders, and builds a
 * plain-text and an HTML part. Copy without an unsubscribe placeholder gets an unsubscribe
 * line at the end. In the HTML part, http and https URLs of the copy become links through the
 * click-tracking wrapper, and an open pixel is appended.
 */
public final class MessageRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    private static final String FIRST_NAME = "firstName";
    private static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    private static final int MAX_FIRST_NAME = 100;
    // Stops at whitespace, markup and quotes; trailing sentence punctuation is trimmed after the match.
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"']+");
    private static final String TRAILING_PUNCTUATION = ".,;:!?)";
    // Compiled once, because render runs for every send and String.replaceAll and split compile their pattern per call.
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

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
        return render(copy, firstName, locale, unsubscribeUrl, fallbackSubject, UnaryOperator.identity(), null);
    }

    /**
     * Renders the copy like {@link #render(CopySummary, String, String, String, String)};
     * {@code clickLink} turns a URL of the copy into its tracked link, and a non-null
     * {@code pixelUrl} adds the open pixel to the HTML part.
     */
    public static RenderedMessage render(CopySummary copy, String firstName, String locale, String unsubscribeUrl,
            String fallbackSubject, UnaryOperator<String> clickLink, String pixelUrl) {
        String name = cleanFirstName(firstName, locale);
        String body = copy.body();
        boolean hasUnsubscribe = PLACEHOLDER.matcher(body).results().anyMatch(match -> UNSUBSCRIBE_URL.equals(match.group(1)));
        if (!hasUnsubscribe) {
            body = body + "\n\n" + unsubscribeLine(locale);
        }

        String subjectTemplate = copy.subject() == null || copy.subject().isBlank() ? fallbackSubject : copy.subject();
        String subject = WHITESPACE.matcher(fill(subjectTemplate, Map.of(FIRST_NAME, name, UNSUBSCRIBE_URL, unsubscribeUrl)))
                .replaceAll(" ").trim();
        String text = fill(body, Map.of(FIRST_NAME, name, UNSUBSCRIBE_URL, unsubscribeUrl));
        String link = "<a href=\"" + escapeHtml(unsubscribeUrl) + "\">" + escapeHtml(unsubscribeUrl) + "</a>";
        String html = toHtml(fill(linkify(escapeHtml(body), clickLink),
                Map.of(FIRST_NAME, escapeHtml(name), UNSUBSCRIBE_URL, link)));
        if (pixelUrl != null) {
            String pixel = "<img src=\"" + escapeHtml(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\">";
            html = html.replace("</body>", pixel + "</body>");
        }
        return new RenderedMessage(subject, text, html);
    }

    private static String unsubscribeLine(String locale) {
        return "zh-CN".equals(locale) ? "退订：{{unsubscribeUrl}}" : "Unsubscribe: {{unsubscribeUrl}}";
    }

    private static String cleanFirstName(String firstName, String locale) {
        String name = firstName == null ? "" : CONTROL.matcher(firstName).replaceAll(" ").trim();
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

    /**
     * Wraps each URL of already escaped text in an anchor to its tracked link. Placeholders are
     * filled afterwards, so the unsubscribe link is never wrapped.
     */
    private static String linkify(String escapedText, UnaryOperator<String> clickLink) {
        Matcher matcher = URL.matcher(escapedText);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String escapedUrl = matcher.group();
            String trailing = "";
            while (!escapedUrl.isEmpty() && TRAILING_PUNCTUATION.indexOf(escapedUrl.charAt(escapedUrl.length() - 1)) >= 0) {
                trailing = escapedUrl.charAt(escapedUrl.length() - 1) + trailing;
                escapedUrl = escapedUrl.substring(0, escapedUrl.length() - 1);
            }
            String url = escapedUrl.replace("&amp;", "&");
            String anchor = "<a href=\"" + escapeHtml(clickLink.apply(url)) + "\">" + escapedUrl + "</a>" + trailing;
            matcher.appendReplacement(result, Matcher.quoteReplacement(anchor));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String toHtml(String escapedText) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
        for (String paragraph : PARAGRAPH_BREAK.split(escapedText)) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(LINE_BREAK.matcher(paragraph.strip()).replaceAll("<br>")).append("</p>");
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
