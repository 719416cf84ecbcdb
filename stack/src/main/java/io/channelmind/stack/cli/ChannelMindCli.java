package io.channelmind.stack.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.channelmind.stack.auth.LocalAuth;
import io.channelmind.stack.demo.DemoDriver;
import io.channelmind.stack.demo.DemoOptions;

/** The {@code ./channelmind} command: {@code demo}, {@code up}, {@code down}, {@code status} and {@code token}. */
public final class ChannelMindCli {

    static final String USAGE = """
            Usage: ./channelmind <command> [options]

              demo [--input FILE --mapping NAME] [--report FILE] [--keep-running]
                   [--customers N] [--seed N] [--locale en|zh-CN] [--keep-state]
                  Runs the main job: import, profiles, channel table and recommendation,
                  copy, and a campaign to the 'not-converted' segment on the recommended
                  channel (only e-mail is sent so far; other channels are skipped). Without
                  --input it generates a data set of --customers customers (default 1000)
                  from --seed (default 42). If the stack is not running, the demo starts a
                  fresh one (clearing the state folder unless --keep-state) and stops it
                  afterwards unless --keep-running. The report is printed and written as
                  JSON to --report (default <state>/demo/report.json).
              up          Starts Kafka, PostgreSQL, SMTP and the five services, and prints an
                          admin token for the REST APIs (the key is in <state>/auth).
              down [--purge]
                          Stops everything; --purge also deletes the state folder.
              status [--json]
                          Shows what runs where; --json also gives an admin token (adminToken).
              token [--role ROLE] [--ttl DURATION]
                          Prints a bearer token signed with the stack's key, for ROLE admin,
                          campaign-manager, analyst, viewer or service (default admin), valid
                          for DURATION such as 30m, 12h or 2d (default 12h).
              build       Builds the services and the launcher (the other commands build
                          what is missing or older than its sources by themselves).

            Environment: CHANNELMIND_HOME (state folder, default .channelmind in the
            repository), CHANNELMIND_<SERVICE>_PORT such as CHANNELMIND_INGESTION_SERVICE_PORT
            (8081-8085), CHANNELMIND_KAFKA_PORT (19092), CHANNELMIND_KAFKA_CONTROLLER_PORT
            (19093), CHANNELMIND_POSTGRES_PORT (15432), CHANNELMIND_SMTP_PORT (12525),
            OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL for a real model,
            CHANNELMIND_EGRESS_ALLOW_LIST (internal hosts and CIDR blocks that outbound
            calls may reach, default 127.0.0.1,::1,localhost), CHANNELMIND_CRYPTO_KEK
            (key-encryption key of personal data, base64 of 32 random bytes; default: one
            generated into the state folder on first start).
            """;

    private ChannelMindCli() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        Path root = Path.of(System.getProperty("channelmind.root", ".")).toAbsolutePath().normalize();
        try {
            Map<String, String> options = parseOptions(args);
            StackController stack = new StackController(StackSettings.fromEnvironment(root), out);
            switch (args[0]) {
                case "up" -> {
                    stack.up();
                    printStatus(stack, false);
                    out.println("Admin token (valid for " + StackController.LOGIN_TOKEN_LIFETIME.toHours()
                            + " h; ./channelmind token --role <role> prints others):");
                    out.println(stack.auth().token(LocalAuth.ADMIN_ROLE, StackController.LOGIN_TOKEN_LIFETIME));
                }
                case "token" -> out.println(token(stack, options));
                case "down" -> stack.down(options.containsKey("purge"));
                case "status" -> printStatus(stack, options.containsKey("json"));
                case "demo" -> System.exit(demo(stack, options, root, out));
                default -> throw new UsageException("Unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("channelmind " + args[0] + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int demo(StackController stack, Map<String, String> options, Path root, PrintStream out) {
        DemoOptions demo = demoOptions(options, stack.settings(), root);
        boolean startedHere = !stack.isRunning();
        if (startedHere) {
            // Stops whatever part of the stack is still running before starting it whole.
            if (options.containsKey("keep-state")) {
                stack.down(false);
            } else {
                out.println("Starting a fresh stack for the demo (state folder cleared; use --keep-state to keep it)");
                stack.down(true);
            }
            stack.up();
        } else {
            out.println("Using the running stack; the demo adds its data to what is there");
        }
        try {
            Map<String, String> services = new LinkedHashMap<>();
            for (ServiceSpec spec : ServiceSpec.ALL) {
                services.put(spec.module(), stack.settings().baseUrl(spec.module()));
            }
            String token = stack.auth().token(LocalAuth.ADMIN_ROLE, StackController.LOGIN_TOKEN_LIFETIME);
            new DemoDriver(services, token, out).run(demo);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("The demo failed: " + e.getMessage());
            System.err.println("Service logs are in " + stack.settings().logs());
            return 1;
        } finally {
            if (startedHere && !options.containsKey("keep-running")) {
                stack.down(false);
            } else {
                out.println("The stack keeps running; stop it with ./channelmind down");
            }
        }
    }

    private static String token(StackController stack, Map<String, String> options) {
        String role = options.getOrDefault("role", LocalAuth.ADMIN_ROLE);
        if (!LocalAuth.ROLES.contains(role)) {
            throw new UsageException("Invalid --role '" + role + "': use one of " + String.join(", ", LocalAuth.ROLES));
        }
        Duration lifetime;
        try {
            lifetime = options.containsKey("ttl") ? LocalAuth.parseLifetime(options.get("ttl"))
                    : StackController.LOGIN_TOKEN_LIFETIME;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ttl: " + e.getMessage());
        }
        return stack.auth().token(role, lifetime);
    }

    private static DemoOptions demoOptions(Map<String, String> options, StackSettings settings, Path root) {
        Path input = options.containsKey("input") ? Path.of(options.get("input")).toAbsolutePath() : null;
        String mapping = options.get("mapping");
        if (input != null && mapping == null) {
            throw new UsageException("--input needs --mapping NAME (for example --mapping bank-marketing)");
        }
        if (input == null && mapping != null) {
            throw new UsageException("--mapping applies only with --input FILE");
        }
        if (input != null && !Files.isReadable(input)) {
            throw new UsageException("Input file not found or not readable: " + input);
        }
        String locale = options.getOrDefault("locale", "en");
        if (!locale.equals("en") && !locale.equals("zh-CN")) {
            throw new UsageException("Invalid --locale '" + locale + "': use en or zh-CN");
        }
        Path report = options.containsKey("report") ? Path.of(options.get("report")).toAbsolutePath()
                : settings.state().resolve("demo/report.json");
        return new DemoOptions(input, mapping, positive(options, "customers", 1000), positive(options, "seed", 42),
                DemoOptions.DEFAULT_SEGMENT, locale, report, settings.state().resolve("demo"));
    }

    private static int positive(Map<String, String> options, String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid --" + name + " '" + value + "': use a whole number of 1 or more");
        }
    }

    private static void printStatus(StackController stack, boolean json) {
        Map<String, Object> status = stack.status();
        if (json) {
            try {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the status as JSON", e);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> services = (Map<String, String>) status.get("services");
        @SuppressWarnings("unchecked")
        Map<String, String> processes = (Map<String, String>) status.get("processes");
        System.out.printf("%-20s %-44s %s%n", "component", "address", "state");
        services.forEach((module, url) -> System.out.printf("%-20s %-44s %s%n", module, url, processes.get(module)));
        String infra = processes.get("infrastructure");
        System.out.printf("%-20s %-44s %s%n", "kafka", status.get("kafka"), infra);
        System.out.printf("%-20s %-44s %s%n", "postgres", status.get("postgres"), infra);
        System.out.printf("%-20s %-44s %s, %s messages stored%n", "smtp", status.get("smtp"), infra,
                status.get("mailReceived"));
        System.out.println("state: " + status.get("state"));
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> flags = List.of("keep-running", "keep-state", "purge", "json");
        List<String> valued = List.of("input", "mapping", "report", "customers", "seed", "locale", "role", "ttl");
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name != null && flags.contains(name)) {
                options.put(name, "true");
            } else if (name != null && valued.contains(name)) {
                if (i + 1 >= rest.size()) {
                    throw new UsageException("Option " + arg + " needs a value");
                }
                options.put(name, rest.get(++i));
            } else {
                throw new UsageException("Unknown option '" + arg + "'");
            }
        }
        return options;
    }

    /** A mistake in the command line; the usage text follows the message. */
    static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
