package io.channelmind.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Property names of a SmallRye {@code @ConfigMapping} interface, read from its source file. Each
 * method without parameters is a property with the kebab-case form of its name. A method that
 * returns another interface of the same file is a group, whose properties (and those of the
 * interfaces it extends) follow under the method's name.
 */
final class ConfigMappingProperties {

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern INTERFACE = Pattern.compile(
            "\\binterface\\s+(\\w+)(?:\\s+extends\\s+([\\w\\s,]+?))?\\s*\\{");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "(?s)/\\*.*?\\*/|//[^\n]*|\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern METHOD = Pattern.compile("([\\w.<>?,\\s]+?)\\s+(\\w+)\\(\\)\\s*;");

    /** Body of one interface without its nested interfaces, and the interfaces it extends. */
    private record Group(String body, List<String> parents) {
    }

    private ConfigMappingProperties() {
    }

    /** Returns the full property names of the mapping in the source file, prefix included. */
    static Set<String> of(Path source) {
        String code;
        try {
            code = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source, e);
        }
        Matcher prefix = PREFIX.matcher(code);
        if (!prefix.find()) {
            throw new AssertionError(source + " has no @ConfigMapping(prefix = ...)");
        }
        // Comments and string literals may contain braces and words that look like methods.
        // One pass, so that "//" inside a string (a URL) is not taken for a comment.
        code = COMMENT_OR_STRING.matcher(code)
                .replaceAll(match -> match.group().startsWith("\"") ? "\"\"" : "");

        Map<String, Group> groups = groups(code);
        String root = source.getFileName().toString().replace(".java", "");
        Set<String> properties = new TreeSet<>();
        collect(groups, root, prefix.group(1), properties);
        return properties;
    }

    /** Returns the environment variable name that SmallRye Config maps to a property name. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Map<String, Group> groups(String code) {
        Map<String, Group> groups = new HashMap<>();
        Matcher declaration = INTERFACE.matcher(code);
        while (declaration.find()) {
            int open = declaration.end() - 1;
            String body = code.substring(open + 1, closingBrace(code, open));
            // Drops the nested interfaces, which the loop visits on their own.
            Matcher nested = INTERFACE.matcher(body);
            StringBuilder own = new StringBuilder();
            int from = 0;
            while (nested.find(from)) {
                own.append(body, from, nested.start());
                from = closingBrace(body, nested.end() - 1) + 1;
            }
            own.append(body.substring(from));
            List<String> parents = declaration.group(2) == null ? List.of()
                    : List.of(declaration.group(2).trim().split("\\s*,\\s*"));
            groups.put(declaration.group(1), new Group(own.toString(), parents));
        }
        return groups;
    }

    private static void collect(Map<String, Group> groups, String type, String prefix, Set<String> properties) {
        Group group = groups.get(type);
        for (String parent : group.parents()) {
            collect(groups, parent, prefix, properties);
        }
        Matcher method = METHOD.matcher(group.body());
        while (method.find()) {
            String returnType = method.group(1).trim();
            String name = prefix + "." + kebabCase(method.group(2));
            if (groups.containsKey(returnType)) {
                collect(groups, returnType, name, properties);
            } else {
                properties.add(name);
            }
        }
    }

    private static int closingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '{') {
                depth++;
            } else if (code.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("Unbalanced braces after offset " + open);
    }

    private static String kebabCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
