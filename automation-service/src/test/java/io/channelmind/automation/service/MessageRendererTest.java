package io.channelmind.automation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.domain.CopySummary;
import io.channelmind.automation.service.MessageRenderer.RenderedMessage;

class MessageRendererTest {

    private static final String URL = "http://127.0.0.1:8085/api/v1/unsubscribe/token-1";

    @Test
    void placeholdersFilledInEveryPart() {
        CopySummary copy = new CopySummary("c1", "template", "{{firstName}}, an offer",
                "Hello {{firstName}},\n\nSee the offer.\n\nUnsubscribe: {{unsubscribeUrl}}");

        RenderedMessage message = MessageRenderer.render(copy, "Ana", "en", URL, "Fallback");

        assertEquals("Ana, an offer", message.subject());
        assertEquals("Hello Ana,\n\nSee the offer.\n\nUnsubscribe: " + URL, message.text());
        assertEquals("<!DOCTYPE html><html><body><p>Hello Ana,</p><p>See the offer.</p><p>Unsubscribe: <a href=\""
                + URL + "\">" + URL + "</a></p></body></html>", message.html());
    }

    @Test
    void firstNameEscapedInHtml() {
        CopySummary copy = new CopySummary("c1", "template", "Offer", "Hi {{firstName}}\nline two {{unsubscribeUrl}}");

        RenderedMessage message = MessageRenderer.render(copy, "<b>Bo & Co</b>", "en", URL, "Fallback");

        assertTrue(message.html().contains("Hi &lt;b&gt;Bo &amp; Co&lt;/b&gt;<br>line two"), message.html());
        assertTrue(message.text().startsWith("Hi <b>Bo & Co</b>"), message.text());
    }

    @Test
    void missingFirstNameUsesLocaleWord() {
        CopySummary copy = new CopySummary("c1", "template", "Offer", "{{firstName}}，您好 {{unsubscribeUrl}}");

        RenderedMessage message = MessageRenderer.render(copy, "  ", "zh-CN", URL, "Fallback");

        assertTrue(message.text().startsWith("顾客，您好"), message.text());
    }

    @Test
    void unsubscribeLineAddedWhenMissing() {
        CopySummary copy = new CopySummary("c1", "template", null, "Hello {{firstName}}");

        RenderedMessage message = MessageRenderer.render(copy, "Ana", "en", URL, "Savings Plus");

        assertEquals("Hello Ana\n\nUnsubscribe: " + URL, message.text());
        assertEquals("Savings Plus", message.subject());
    }

    @Test
    void unknownPlaceholdersRemoved() {
        CopySummary copy = new CopySummary("c1", "template", "Offer {{code}}", "Code: {{ discountCode }}. {{unsubscribeUrl}}");

        RenderedMessage message = MessageRenderer.render(copy, "Ana", "en", URL, "Fallback");

        assertEquals("Offer", message.subject());
        assertFalse(message.text().contains("{{"), message.text());
    }

    @Test
    void lineBreaksInNameKeptOutOfSubject() {
        CopySummary copy = new CopySummary("c1", "template", "{{firstName}} offer", "{{unsubscribeUrl}}");

        RenderedMessage message = MessageRenderer.render(copy, "Ana\r\nBcc: x@y.example", "en", URL, "Fallback");

        assertFalse(message.subject().contains("\n"), message.subject());
        assertFalse(message.subject().contains("\r"), message.subject());
    }

    @Test
    void copyUrlsTrackedInHtmlOnly() {
        CopySummary copy = new CopySummary("c1", "template", "Offer",
                "See https://bank.example/offer?a=1&b=2.\n\nUnsubscribe: {{unsubscribeUrl}}");

        RenderedMessage message = MessageRenderer.render(copy, "Ana", "en", URL, "Fallback",
                target -> "https://track.example/click?u=" + target.length(), "https://track.example/open?m=1&s=x");

        assertEquals("See https://bank.example/offer?a=1&b=2.\n\nUnsubscribe: " + URL, message.text());
        assertTrue(message.html().contains("See <a href=\"https://track.example/click?u=34\">"
                + "https://bank.example/offer?a=1&amp;b=2</a>.</p>"), message.html());
        assertTrue(message.html().contains("<a href=\"" + URL + "\">" + URL + "</a>"), message.html());
        assertTrue(message.html().endsWith("<img src=\"https://track.example/open?m=1&amp;s=x\" width=\"1\" height=\"1\""
                + " alt=\"\"></body></html>"), message.html());
    }
}
