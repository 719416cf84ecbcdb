package io.channelmind.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets the operator creates before installing, read from the table under the
 * "Secrets you provide" heading of k8s/README.md. Rows start with `name` | `key` in backticks.
 */
final class SecretDocs {

    static final String HEADING = "## Secrets you provide";
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]+)`\\s*\\|");

    record SecretKey(String name, String key) {
        @Override
        public String toString() {
            return name + "/" + key;
        }
    }

    private SecretDocs() {
    }

    static Set<SecretKey> userProvided() {
        String readme;
        try {
            readme = Files.readString(ValuesCase.k8sDir().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf(HEADING);
        if (start < 0) {
            throw new AssertionError("k8s/README.md has no \"" + HEADING + "\" section");
        }
        int end = readme.indexOf("\n## ", start + HEADING.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);

        Set<SecretKey> secrets = new HashSet<>();
        for (String line : section.split("\n")) {
            Matcher row = ROW.matcher(line.trim());
            if (row.find()) {
                secrets.add(new SecretKey(row.group(1), row.group(2)));
            }
        }
        return secrets;
    }
}
