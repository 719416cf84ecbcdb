package io.channelmind.content.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{name}}} placeholders that automation-service fills in for each recipient.
 * Only e-mail copy uses them: a name of unknown length would make the SMS and social length
 * checks meaningless.
 */
public final class Placeholders {

    public static final String FIRST_NAME = "firstName";
    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    public static final List<String> EMAIL = List.of(FIRST_NAME, UNSUBSCRIBE_URL);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

    private Placeholders() {
    }

    public static String of(String name) {
        return "{{" + name + "}}";
    }

    /** Returns the placeholder names in the order they first appear. */
    public static List<String> find(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /** Tells whether braces remain once the well-formed placeholders are removed. */
    public static boolean hasStrayBraces(String text) {
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        return rest.contains("{{") || rest.contains("}}");
    }
}
