package io.channelmind.content.domain;

import java.util.List;

/**
 * Finds absolute claims such as 最佳, 国家级, "best" or "No. 1": the general section of the
 * default {@link RestrictedTerms} dictionary. The PRC Advertising Law (Article 9) bans words
 * like 国家级, 最高级 and 最佳 in advertisements, and such claims are rarely provable in any
 * market. A single 最 is flagged too, unless it is part of an exception word such as 最近.
 */
public final class AbsoluteClaims {

    /** The reason code that starts every warning about absolute claims. */
    public static final String REASON = "absolute-claim";

    private AbsoluteClaims() {
    }

    /** Returns the distinct claims found, in lower case, in order of appearance. */
    public static List<String> find(String text) {
        return RestrictedTerms.defaults().find(text);
    }

    /** Joins the claims as a quoted list, for warnings and log lines. */
    public static String quote(List<String> claims) {
        return String.join(", ", claims.stream().map(claim -> "\"" + claim + "\"").toList());
    }
}
