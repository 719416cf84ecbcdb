package io.channelmind.content.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A language that copy is written in, with its BCP 47 tag as the API spells it. */
public enum CopyLocale {

    EN("en", "English"),
    ZH_CN("zh-CN", "Simplified Chinese (zh-CN)");

    private final String tag;
    private final String languageName;

    CopyLocale(String tag, String languageName) {
        this.tag = tag;
        this.languageName = languageName;
    }

    public String tag() {
        return tag;
    }

    /** The language name that the model prompt uses. */
    public String languageName() {
        return languageName;
    }

    /** Finds the locale for a tag, ignoring case (`zh-cn` is `zh-CN`). */
    public static Optional<CopyLocale> fromTag(String tag) {
        return Arrays.stream(values()).filter(locale -> locale.tag.equalsIgnoreCase(tag)).findFirst();
    }

    public static List<String> tags() {
        return Arrays.stream(values()).map(CopyLocale::tag).toList();
    }
}
