package io.channelmind.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds personal data and secrets in service log files: e-mail addresses, phone numbers in
 * E.164 and local form, first names, and exact secret values such as write keys, tokens and
 * keys. A finding names the file, the line and the kind of value, never the value itself, so
 * the report does not repeat the leak.
 */
final class LogScan {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
    /** A run of digits with an optional +, not part of a longer run. */
    private static final Pattern DIGITS = Pattern.compile("(?<![0-9])\\+?[0-9]{7,15}(?![0-9])");
    private static final Pattern LATIN_WORD = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Lu}\\p{Ll}+(?![\\p{L}\\p{N}])");
    /** A run of Han characters standing alone, such as a one-character Chinese given name. */
    private static final Pattern HAN_WORD = Pattern.compile("(?<!\\p{IsHan})\\p{IsHan}+(?!\\p{IsHan})");

    private final Map<String, String> emails = new HashMap<>();
    private final Map<String, String> phoneDigits = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    /** One log line that contains a value of the given kind. */
    record Finding(String file, int line, String kind) {

        @Override
        public String toString() {
            return file + ":" + line + ": " + kind;
        }
    }

    /** Adds an e-mail address, compared without case. */
    LogScan email(String address) {
        if (!address.isBlank()) {
            emails.put(address.strip().toLowerCase(Locale.ROOT), "e-mail address");
        }
        return this;
    }

    /**
     * Adds a phone number in E.164 form, such as {@code +447910000123}: its digits with and
     * without the country code and the local form with a trunk 0 (UK) or without a prefix
     * (mainland China).
     */
    LogScan phone(String e164) {
        if (e164.isBlank()) {
            return this;
        }
        String digits = e164.replaceAll("[^0-9]", "");
        phoneDigits.put(digits, "phone number (E.164)");
        if (digits.startsWith("44")) {
            phoneDigits.put("0" + digits.substring(2), "phone number (UK local form)");
        } else if (digits.startsWith("86")) {
            phoneDigits.put(digits.substring(2), "phone number (China local form)");
        }
        return this;
    }

    /** Adds a given name, matched as a whole word with its case. */
    LogScan name(String name) {
        if (!name.isBlank()) {
            names.put(name.strip(), "name");
        }
        return this;
    }

    /** Adds a secret, such as a write key or a signing key, matched exactly anywhere in a line. */
    LogScan secret(String kind, String value) {
        if (value != null && value.length() >= 8) {
            secrets.put(value, kind);
        }
        return this;
    }

    /** Reads every {@code *.log} file in the folder and returns what it found, in file and line order. */
    List<Finding> scan(Path logDir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(logDir)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the logs in " + logDir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No *.log file in " + logDir + "; the stack writes one per service");
        }
        List<Finding> findings = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                for (String kind : kindsIn(lines.get(i))) {
                    findings.add(new Finding(file.getFileName().toString(), i + 1, kind));
                }
            }
        }
        return findings;
    }

    /** Returns how many values of each kind the scan looks for, to show that it was not empty. */
    Map<String, Integer> sizes() {
        return Map.of("e-mail addresses", emails.size(), "phone forms", phoneDigits.size(), "names", names.size(),
                "secrets", secrets.size());
    }

    private List<String> kindsIn(String line) {
        List<String> kinds = new ArrayList<>();
        collect(EMAIL.matcher(line), token -> emails.get(token.toLowerCase(Locale.ROOT)), kinds);
        collect(DIGITS.matcher(line), token -> phoneDigits.get(token.replace("+", "")), kinds);
        collect(LATIN_WORD.matcher(line), names::get, kinds);
        collect(HAN_WORD.matcher(line), names::get, kinds);
        secrets.forEach((value, kind) -> {
            if (line.contains(value)) {
                kinds.add(kind);
            }
        });
        return kinds;
    }

    private static void collect(Matcher matcher, java.util.function.Function<String, String> lookup, List<String> kinds) {
        while (matcher.find()) {
            String kind = lookup.apply(matcher.group());
            if (kind != null) {
                kinds.add(kind);
            }
        }
    }
}
