package io.channelmind.bench;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the benchmark drivers, written as {@code --name value} pairs. */
final class Options {

    private Options() {
    }

    /** Parses the {@code --name value} pairs of {@code args} from index {@code from} on. */
    static Map<String, String> parse(String[] args, int from) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option such as --url, found " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** Returns the option's value, or throws when the option is missing. */
    static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }
}
