package io.channelmind.stack.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's state folder and ports. Every value has a default and an environment
 * variable that overrides it:
 *
 * <ul>
 * <li>{@code CHANNELMIND_HOME}: the state folder (Kafka log, database files, received mail,
 * logs, process ids), default {@code .channelmind} in the repository;</li>
 * <li>{@code CHANNELMIND_KAFKA_PORT} (19092), {@code CHANNELMIND_KAFKA_CONTROLLER_PORT}
 * (19093), {@code CHANNELMIND_POSTGRES_PORT} (15432), {@code CHANNELMIND_SMTP_PORT}
 * (12525);</li>
 * <li>{@code CHANNELMIND_<MODULE>_PORT} per service, such as
 * {@code CHANNELMIND_INGESTION_SERVICE_PORT} (8081 to 8085).</li>
 * </ul>
 */
public record StackSettings(Path root, Path state, int kafkaPort, int kafkaControllerPort, int postgresPort,
        int smtpPort, Map<String, Integer> servicePorts) {

    /** The file in the state folder that keeps the ports of the running stack. */
    static final String PORTS_FILE = "ports.properties";

    /**
     * Reads the settings from the environment. A port variable that is not set takes the value
     * the running stack was started with (kept in the state folder), then the default, so
     * {@code status} and {@code down} find a stack started with other ports.
     */
    public static StackSettings fromEnvironment(Path root) {
        Map<String, String> env = new java.util.HashMap<>();
        Path state = System.getenv().containsKey("CHANNELMIND_HOME")
                ? Path.of(System.getenv("CHANNELMIND_HOME")).toAbsolutePath()
                : root.resolve(".channelmind");
        Path saved = state.resolve(PORTS_FILE);
        if (java.nio.file.Files.isReadable(saved)) {
            java.util.Properties ports = new java.util.Properties();
            try (var reader = java.nio.file.Files.newBufferedReader(saved)) {
                ports.load(reader);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot read " + saved, e);
            }
            ports.stringPropertyNames().forEach(name -> env.put(name, ports.getProperty(name)));
        }
        env.putAll(System.getenv());
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            servicePorts.put(spec.module(), port(env, spec.portVariable(), spec.defaultPort()));
        }
        return new StackSettings(root, state,
                port(env, "CHANNELMIND_KAFKA_PORT", 19092),
                port(env, "CHANNELMIND_KAFKA_CONTROLLER_PORT", 19093),
                port(env, "CHANNELMIND_POSTGRES_PORT", 15432),
                port(env, "CHANNELMIND_SMTP_PORT", 12525),
                servicePorts);
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + variable + " '" + value
                    + "': set a TCP port number from 1 to 65535, or unset it for the default " + defaultPort);
        }
    }

    /** Writes the ports into the state folder, in the variable names that override them. */
    public void savePorts() {
        java.util.Properties ports = new java.util.Properties();
        ports.setProperty("CHANNELMIND_KAFKA_PORT", String.valueOf(kafkaPort));
        ports.setProperty("CHANNELMIND_KAFKA_CONTROLLER_PORT", String.valueOf(kafkaControllerPort));
        ports.setProperty("CHANNELMIND_POSTGRES_PORT", String.valueOf(postgresPort));
        ports.setProperty("CHANNELMIND_SMTP_PORT", String.valueOf(smtpPort));
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ports.setProperty(spec.portVariable(), String.valueOf(servicePorts.get(spec.module())));
        }
        try (var writer = java.nio.file.Files.newBufferedWriter(state.resolve(PORTS_FILE))) {
            ports.store(writer, "Ports of the running ChannelMind stack");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write the ports into " + state, e);
        }
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public String baseUrl(String module) {
        return "http://127.0.0.1:" + servicePorts.get(module);
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path pids() {
        return state.resolve("pids");
    }
}
