package io.channelmind.content.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds absolute claims such as 最佳, 国家级, "best" or "No. 1". The PRC Advertising Law
 * (Article 9) bans words like 国家级, 最高级 and 最佳 in advertisements, and such claims are
 * rarely provable in any market. A single 最 is flagged too, even in harmless words such as
 * 最近, so that a person reviews it.
 */
public final class AbsoluteClaims {

    /** The reason code that starts every warning about absolute claims. */
    public static final String REASON = "absolute-claim";

    // Longer terms come first so that 最佳 is reported as itself and not as 最.
    private static final Pattern CLAIM = Pattern.compile(String.join("|",
            "最佳", "国家级", "独一无二", "第一", "唯一", "顶级", "最",
            "\\bbest\\b", "\\bno\\.\\s?1\\b", "\\bnumber\\s+one\\b", "#1\\b", "\\bguaranteed\\b", "\\bunbeatable\\b"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private AbsoluteClaims() {
    }

    /** Returns the distinct claims found, in lower case, in order of appearance. */
    public static List<String> find(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = CLAIM.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    /** Joins the claims as a quoted list, for warnings and log lines. */
    public static String quote(List<String> claims) {
        return String.join(", ", claims.stream().map(claim -> "\"" + claim + "\"").toList());
    }
}
