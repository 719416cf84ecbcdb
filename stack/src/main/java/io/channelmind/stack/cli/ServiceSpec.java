package io.channelmind.stack.cli;

import java.util.List;

/**
 * One of the five services as the local stack runs it: its Maven module, default HTTP port,
 * database and the environment variable that overrides the port.
 */
public record ServiceSpec(String module, int defaultPort, String database) {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("ingestion-service", 8081, "ingestion"),
            new ServiceSpec("profile-service", 8082, "profile"),
            new ServiceSpec("content-service", 8083, "content"),
            new ServiceSpec("channel-optimizer", 8084, "optimizer"),
            new ServiceSpec("automation-service", 8085, "automation"));

    /** Returns the variable that overrides the port, such as {@code CHANNELMIND_PROFILE_SERVICE_PORT}. */
    public String portVariable() {
        return "CHANNELMIND_" + module.toUpperCase().replace('-', '_') + "_PORT";
    }
}
