package io.channelmind.automation.rest;

import java.util.Locale;

/** The HTML pages of the unsubscribe flow in English and Simplified Chinese. */
final class UnsubscribePages {

    private UnsubscribePages() {
    }

    enum Language {
        EN("en", "Unsubscribe", "Do you want to stop receiving these e-mails?", "Unsubscribe",
                "You are unsubscribed. You will receive no more of these e-mails."),
        ZH_CN("zh-CN", "退订", "您要停止接收这类邮件吗？", "确认退订", "您已退订，今后不会再收到这类邮件。");

        final String tag;
        final String title;
        final String question;
        final String button;
        final String done;

        Language(String tag, String title, String question, String button, String done) {
            this.tag = tag;
            this.title = title;
            this.question = question;
            this.button = button;
            this.done = done;
        }
    }

    /** Picks zh-CN when the lang parameter or the first Accept-Language entry is Chinese, else English. */
    static Language language(String lang, String acceptLanguage) {
        String preferred = lang != null && !lang.isBlank() ? lang : acceptLanguage;
        if (preferred == null) {
            return Language.EN;
        }
        return preferred.trim().toLowerCase(Locale.ROOT).startsWith("zh") ? Language.ZH_CN : Language.EN;
    }

    /** Returns the confirmation page. Its form has no action, so it posts to the URL of the page itself. */
    static String confirmation(Language language) {
        return page(language, "<p>" + language.question + "</p>"
                + "<form method=\"post\">"
                + "<button type=\"submit\">" + language.button + "</button></form>");
    }

    static String done(Language language) {
        return page(language, "<p>" + language.done + "</p>");
    }

    private static String page(Language language, String body) {
        return "<!DOCTYPE html><html lang=\"" + language.tag + "\"><head><meta charset=\"utf-8\"><title>"
                + language.title + "</title></head><body><h1>" + language.title + "</h1>" + body + "</body></html>";
    }
}
